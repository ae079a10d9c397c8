using System.Text.Json.Nodes;
using Netguard.Core.Config;
using Netguard.Core.Kube.Models;
using Netguard.Core.Selectors;

namespace Netguard.Core.Rules.ControlPlane;

/// <summary>How control-plane nodes are recognised (<c>controlPlane.nodeSelector</c>) and whether they carry the taint.</summary>
public static class ControlPlaneNodes
{
    /// <summary>The taint key clusters before Kubernetes 1.24 used; still honoured by old tolerations.</summary>
    public const string LegacyTaintKey = "node-role.kubernetes.io/master";

    /// <summary>True when the labels carry every label of the selector. An empty selector recognises no node (not every node).</summary>
    public static bool IsControlPlane(IReadOnlyDictionary<string, string>? labels, ControlPlaneConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return config.NodeSelector.Count > 0 && LabelSelectorMatcher.MatchesLabels(config.NodeSelector, labels);
    }

    public static bool IsControlPlane(Node node, ControlPlaneConfig config)
    {
        ArgumentNullException.ThrowIfNull(node);
        return IsControlPlane(node.Metadata.Labels, config);
    }

    /// <summary>
    /// True when the node has a taint with the configured key and effect. The API server allows one taint
    /// per key and effect, so the value does not decide whether "the" taint is there.
    /// </summary>
    public static bool HasTaint(Node node, TaintConfig taint)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(taint);
        return node.Spec?.Taints?.Any(t => t.Key == taint.Key && t.Effect == taint.Effect) ?? false;
    }

    /// <summary>
    /// A pod the control-plane rules let onto control-plane nodes: in <c>allowedNamespaces</c>, or DaemonSet-owned
    /// when <c>allowDaemonSets</c> (its controller places one on every node).
    /// </summary>
    public static bool IsExempt(Pod pod, string ns, ControlPlaneConfig config)
    {
        ArgumentNullException.ThrowIfNull(pod);
        ArgumentNullException.ThrowIfNull(config);
        return NamespaceList.Contains(config.AllowedNamespaces, ns)
            || (config.AllowDaemonSets && ControllerReference.IsOwnedBy(pod, "DaemonSet"));
    }

    /// <summary>The configured taint as an entry of a Node's <c>spec.taints</c>: key, value when set, effect.</summary>
    public static JsonObject TaintJson(TaintConfig taint)
    {
        ArgumentNullException.ThrowIfNull(taint);
        var json = new JsonObject { ["key"] = taint.Key };
        if (!string.IsNullOrEmpty(taint.Value))
        {
            json["value"] = taint.Value;
        }

        json["effect"] = taint.Effect;
        return json;
    }
}
