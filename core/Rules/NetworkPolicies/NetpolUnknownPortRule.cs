using Netguard.Core.Admission;
using Netguard.Core.Config;
using Netguard.Core.Kube.Models;
using Netguard.Core.Reachability;

namespace Netguard.Core.Rules.NetworkPolicies;

/// <summary>
/// netpol-unknown-port (SPEC §5.3): a named port that no selected destination pod exposes (by name and
/// protocol, as NetworkPolicy resolves it), so the rule allows nothing on it. The destinations of an
/// ingress rule are the pods the policy selects; of an egress rule, the pods its peers match. Needs known
/// pods; rules of a direction the policy does not isolate are ignored, as the API ignores them.
/// </summary>
public sealed class NetpolUnknownPortRule : IAdmissionRule
{
    public RuleDescriptor Descriptor { get; } = new(
        RuleIds.NetpolUnknownPort,
        RulePhase.Validate,
        RuleAction.Warn,
        ["NetworkPolicy"],
        [AdmissionOperation.Create, AdmissionOperation.Update],
        "a named port must be exposed by some pod the rule sends traffic to");

    public void Evaluate(RuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Subject.Typed is not NetworkPolicy policy || !context.Cluster.HasPods || !HasNamedPort(policy.Spec))
        {
            return;
        }

        var review = PolicyUnderReview.For(context.Cluster, policy, context.Subject.EffectiveNamespace);
        foreach (var direction in (ReadOnlySpan<PolicyDirection>)[PolicyDirection.Ingress, PolicyDirection.Egress])
        {
            if (!EffectivePolicyTypes.Isolates(policy.Spec, direction))
            {
                continue;
            }

            var rules = direction == PolicyDirection.Ingress
                ? (policy.Spec.Ingress ?? []).Select(r => r.Ports).ToList()
                : (policy.Spec.Egress ?? []).Select(r => r.Ports).ToList();
            for (var i = 0; i < rules.Count; i++)
            {
                var rule = new RuleRef(review.Reference, direction, i);
                var destinations = direction == PolicyDirection.Ingress
                    ? review.Engine.SelectedPods(review.Reference)
                    : review.Engine.PeerPods(rule);
                if (destinations.Count == 0)
                {
                    continue; // nothing to resolve against; netpol-selects-nothing speaks about empty selections
                }

                var ports = rules[i] ?? [];
                for (var j = 0; j < ports.Count; j++)
                {
                    if (ports[j].Port?.StringValue is not { } name
                        || !TransportProtocolNames.TryParse(ports[j].Protocol ?? "TCP", ignoreCase: false, out var protocol)
                        || destinations.Any(d => d.FindPort(name, protocol) is not null))
                    {
                        continue;
                    }

                    var otherProtocol = destinations.FirstOrDefault(d => d.FindPort(name, null) is not null);
                    var hint = otherProtocol is null
                        ? ""
                        : $" ({otherProtocol.Key} has it as {otherProtocol.FindPort(name, null)!.Protocol.ToApiString()})";
                    var who = direction == PolicyDirection.Ingress ? "selected pod" : "destination pod";
                    context.Report($"{rule.Path}.ports[{j}]: no {who} exposes port \"{name}\"/{protocol.ToApiString()}{hint}; checked {PodListText.Format(destinations)}");
                }
            }
        }
    }

    private static bool HasNamedPort(NetworkPolicySpec spec) =>
        (spec.Ingress ?? []).SelectMany(r => r.Ports ?? []).Concat((spec.Egress ?? []).SelectMany(r => r.Ports ?? []))
            .Any(p => p.Port?.StringValue is not null);
}
