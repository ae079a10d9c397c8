using Netguard.Core.Admission;
using Netguard.Core.Config;
using Netguard.Core.Kube.Models;

namespace Netguard.Core.Rules.NetworkPolicies;

/// <summary>
/// netpol-allow-all (SPEC §5.3): a rule with no peers and no ports (<c>ingress: [{}]</c>, <c>egress: [{}]</c>)
/// allows everything in its direction for the pods the policy selects — usually an accident left over
/// from a template, sometimes deliberate (hence warn).
/// </summary>
public sealed class NetpolAllowAllRule : IAdmissionRule
{
    public RuleDescriptor Descriptor { get; } = new(
        RuleIds.NetpolAllowAll,
        RulePhase.Validate,
        RuleAction.Warn,
        ["NetworkPolicy"],
        [AdmissionOperation.Create, AdmissionOperation.Update],
        "a NetworkPolicy rule with no peers and no ports allows everything");

    public void Evaluate(RuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Subject.Typed is not NetworkPolicy policy)
        {
            return;
        }

        var ingress = policy.Spec.Ingress ?? [];
        for (var i = 0; i < ingress.Count; i++)
        {
            if (ingress[i].From is not { Count: > 0 } && ingress[i].Ports is not { Count: > 0 })
            {
                context.Report($"ingress[{i}] has no peers and no ports: it allows every source on every port");
            }
        }

        var egress = policy.Spec.Egress ?? [];
        for (var i = 0; i < egress.Count; i++)
        {
            if (egress[i].To is not { Count: > 0 } && egress[i].Ports is not { Count: > 0 })
            {
                context.Report($"egress[{i}] has no peers and no ports: it allows every destination on every port");
            }
        }
    }
}
