using Netguard.Core.Admission;
using Netguard.Core.Config;
using Netguard.Core.Kube.Models;
using Netguard.Core.Selectors;

namespace Netguard.Core.Rules.NetworkPolicies;

/// <summary>
/// namespace-default-deny (SPEC §5.3, audit only): a namespace with pods of which some are not isolated for
/// ingress — no policy with Ingress in its effective policyTypes selects them, so they accept traffic from
/// anywhere. A default-deny policy (empty podSelector, policyTypes [Ingress]) fixes it; a set of policies that
/// together select every pod passes too. hostNetwork pods (policies do not apply) and finished pods are ignored.
/// Needs known pods and policies; without them it stays silent.
/// </summary>
public sealed class NamespaceDefaultDenyRule : IAdmissionRule
{
    public RuleDescriptor Descriptor { get; } = new(
        RuleIds.NamespaceDefaultDeny,
        RulePhase.Validate,
        RuleAction.Warn,
        ["Namespace"],
        [AdmissionOperation.Create, AdmissionOperation.Update],
        "namespaces with pods should isolate all of them for ingress")
    {
        AuditOnly = true,
    };

    public void Evaluate(RuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var cluster = context.Cluster;
        if (!cluster.HasPods || !cluster.HasNetworkPolicies || context.Subject.Typed.Metadata.Name is not { } ns)
        {
            return;
        }

        var pods = cluster.PodsIn(ns)
            .Where(p => p.Spec?.HostNetwork != true && !p.IsFinished())
            .ToList();
        if (pods.Count == 0)
        {
            return;
        }

        var ingressPolicies = cluster.NetworkPoliciesIn(ns).Where(p => PolicyTypes.AppliesToIngress(p.Spec)).ToList();
        var open = pods
            .Where(pod => !ingressPolicies.Any(p => LabelSelectorMatcher.Matches(p.Spec.PodSelector ?? new LabelSelector(), pod.Metadata.Labels)))
            .ToList();
        if (open.Count > 0)
        {
            context.Report($"{open.Count} of {pods.Count} pods accept any ingress (no default-deny policy), e.g. {open[0].Metadata.Name}");
        }
    }
}
