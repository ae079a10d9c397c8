using System.Text.Json.Nodes;
using Netguard.Core.Admission;
using Netguard.Core.Config;
using Netguard.Core.JsonPatch;
using Netguard.Core.Kube.Models;
using Netguard.Core.Selectors;

namespace Netguard.Core.Rules.Topology;

/// <summary>
/// colocate-affinity (SPEC §5.2): appends a preferred podAffinity term towards <c>with.labels</c> per matching
/// <c>topology.colocate</c> entry, unless the pod already has an identical term (same weight, selector and
/// topologyKey). Like topology-spread it skips DaemonSet pods and pods with <c>spec.nodeName</c>.
/// </summary>
public sealed class ColocateAffinityRule : IAdmissionRule
{
    private static readonly string[] PreferredPath =
        ["spec", "affinity", "podAffinity", "preferredDuringSchedulingIgnoredDuringExecution"];

    public RuleDescriptor Descriptor { get; } = new(
        RuleIds.ColocateAffinity,
        RulePhase.Mutate,
        RuleAction.On,
        ["Pod"],
        [AdmissionOperation.Create],
        "adds preferred podAffinity terms from topology.colocate");

    public void Evaluate(RuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Subject.Typed is not Pod pod || !TopologySpreadRule.IsScheduledFreely(pod))
        {
            return;
        }

        var labels = pod.Metadata.Labels;
        var ns = context.Subject.EffectiveNamespace;
        var patch = context.Patch;
        foreach (var entry in context.Config.Topology.Colocate)
        {
            if (!NamespaceList.ContainsOrEmpty(entry.Namespaces, ns) || !LabelSelectorMatcher.MatchesLabels(entry.MatchLabels, labels))
            {
                continue;
            }

            var term = Term(entry);
            if (patch.Find(PreferredPath) is JsonArray existing && existing.Any(t => JsonValueEquality.DeepEquals(t, term)))
            {
                continue;
            }

            var ops = patch.Append(PreferredPath, term);
            var target = string.Join(",", entry.With.Labels.Select(l => $"{l.Key}={l.Value}"));
            context.Mutate($"added preferred podAffinity to {target} on {entry.TopologyKey} (weight {entry.Weight})", ops);
        }
    }

    private static JsonObject Term(ColocateRule entry)
    {
        var matchLabels = new JsonObject();
        foreach (var (key, value) in entry.With.Labels)
        {
            matchLabels[key] = value;
        }

        return new JsonObject
        {
            ["weight"] = entry.Weight,
            ["podAffinityTerm"] = new JsonObject
            {
                ["labelSelector"] = new JsonObject { ["matchLabels"] = matchLabels },
                ["topologyKey"] = entry.TopologyKey,
            },
        };
    }
}
