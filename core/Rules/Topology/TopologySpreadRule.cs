using System.Text.Json.Nodes;
using Netguard.Core.Admission;
using Netguard.Core.Config;
using Netguard.Core.Kube.Models;
using Netguard.Core.Selectors;

namespace Netguard.Core.Rules.Topology;

/// <summary>
/// topology-spread (SPEC §5.2): appends a topologySpreadConstraint per matching <c>topology.spread</c> entry
/// when the pod has none on that topologyKey. The labelSelector is built from the first
/// <c>selectorLabelKeys</c> key the pod carries (no key: no constraint, since a selector that does not
/// select the pod itself spreads nothing); ReplicaSet pods also get <c>matchLabelKeys: [pod-template-hash]</c>
/// so each rollout revision spreads on its own. Pods the scheduler does not place freely are left alone:
/// DaemonSet pods (one per node; a zone skew could make them unschedulable) and pods with <c>spec.nodeName</c>.
/// </summary>
public sealed class TopologySpreadRule : IAdmissionRule
{
    public const string PodTemplateHashLabel = "pod-template-hash";

    public RuleDescriptor Descriptor { get; } = new(
        RuleIds.TopologySpread,
        RulePhase.Mutate,
        RuleAction.On,
        ["Pod"],
        [AdmissionOperation.Create],
        "adds topologySpreadConstraints from topology.spread");

    public void Evaluate(RuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Subject.Typed is not Pod pod || !IsScheduledFreely(pod))
        {
            return;
        }

        var labels = pod.Metadata.Labels;
        var ns = context.Subject.EffectiveNamespace;
        var keys = new HashSet<string>(
            pod.Spec?.TopologySpreadConstraints?.Select(c => c.TopologyKey) ?? [], StringComparer.Ordinal);
        var replicaSetPod = ControllerReference.IsOwnedBy(pod, "ReplicaSet");
        var patch = context.Patch;

        foreach (var entry in context.Config.Topology.Spread)
        {
            if (!NamespaceList.ContainsOrEmpty(entry.Namespaces, ns)
                || !LabelSelectorMatcher.MatchesLabels(entry.MatchLabels, labels)
                || keys.Contains(entry.TopologyKey))
            {
                continue;
            }

            var selectorKey = entry.SelectorLabelKeys.FirstOrDefault(k => labels?.ContainsKey(k) == true);
            if (selectorKey is null)
            {
                continue;
            }

            var ops = patch.Append(["spec", "topologySpreadConstraints"], Constraint(entry, selectorKey, labels![selectorKey], replicaSetPod));
            keys.Add(entry.TopologyKey);
            context.Mutate($"added topologySpreadConstraint on {entry.TopologyKey} for {selectorKey}={labels[selectorKey]}", ops);
        }
    }

    internal static bool IsScheduledFreely(Pod pod) =>
        string.IsNullOrEmpty(pod.Spec?.NodeName) && !ControllerReference.IsOwnedBy(pod, "DaemonSet");

    private static JsonObject Constraint(SpreadRule entry, string key, string value, bool replicaSetPod)
    {
        var constraint = new JsonObject
        {
            ["maxSkew"] = entry.MaxSkew,
            ["topologyKey"] = entry.TopologyKey,
            ["whenUnsatisfiable"] = entry.WhenUnsatisfiable,
            ["labelSelector"] = new JsonObject { ["matchLabels"] = new JsonObject { [key] = value } },
        };
        if (replicaSetPod)
        {
            constraint["matchLabelKeys"] = new JsonArray(PodTemplateHashLabel);
        }

        return constraint;
    }
}
