using Netguard.Core.Config;
using Netguard.Core.Kube.Models;
using Netguard.Core.Rules.ControlPlane;

namespace Netguard.Core.Audit;

/// <summary>
/// `kubectl netguard taints` (SPEC §7), pure: the nodes <c>controlPlane.nodeSelector</c> recognises, whether each
/// carries <c>controlPlane.taint</c> (key and effect, as control-plane-taint judges it), and the business pods
/// running there — not finished, outside <c>allowedNamespaces</c>, and not DaemonSet pods when
/// <c>allowDaemonSets</c> (the exemptions of control-plane-toleration and control-plane-pinning).
/// </summary>
public static class ControlPlaneInventory
{
    /// <summary>Control-plane nodes by name, each with its business pods by namespace and name.</summary>
    public static IReadOnlyList<ControlPlaneNodeState> Take(IEnumerable<Node> nodes, IEnumerable<Pod> pods, ControlPlaneConfig config)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        ArgumentNullException.ThrowIfNull(pods);
        ArgumentNullException.ThrowIfNull(config);
        var controlPlane = nodes.Where(n => ControlPlaneNodes.IsControlPlane(n, config))
            .OrderBy(n => n.Metadata.Name, StringComparer.Ordinal)
            .ToList();
        var names = controlPlane.Select(n => n.Metadata.Name ?? "").ToHashSet(StringComparer.Ordinal);
        var business = pods
            .Where(p => p.Spec?.NodeName is { } node && names.Contains(node) && IsBusinessPod(p, config))
            .OrderBy(p => p.Metadata.Namespace, StringComparer.Ordinal)
            .ThenBy(p => p.Metadata.Name, StringComparer.Ordinal)
            .ToLookup(p => p.Spec!.NodeName!, StringComparer.Ordinal);
        return controlPlane
            .Select(n => new ControlPlaneNodeState(n, ControlPlaneNodes.HasTaint(n, config.Taint), business[n.Metadata.Name ?? ""].ToList()))
            .ToList();
    }

    /// <summary>A running pod that has no business on a control-plane node.</summary>
    public static bool IsBusinessPod(Pod pod, ControlPlaneConfig config)
    {
        ArgumentNullException.ThrowIfNull(pod);
        ArgumentNullException.ThrowIfNull(config);
        return !pod.IsFinished() && !ControlPlaneNodes.IsExempt(pod, pod.Metadata.Namespace ?? "default", config);
    }
}
