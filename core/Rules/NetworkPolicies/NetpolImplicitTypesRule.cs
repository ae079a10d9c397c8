using Netguard.Core.Admission;
using Netguard.Core.Config;
using Netguard.Core.Kube.Models;

namespace Netguard.Core.Rules.NetworkPolicies;

/// <summary>
/// netpol-implicit-types (SPEC §5.3): <c>policyTypes</c> absent (or empty). Kubernetes then implies Ingress,
/// and Egress only when egress rules exist — so a policy meant as "deny all egress" with no egress rules
/// isolates nothing for egress. The API server fills the field in on create, so this fires mostly in
/// `check` on manifests, where it matters most.
/// </summary>
public sealed class NetpolImplicitTypesRule : IAdmissionRule
{
    public RuleDescriptor Descriptor { get; } = new(
        RuleIds.NetpolImplicitTypes,
        RulePhase.Validate,
        RuleAction.Warn,
        ["NetworkPolicy"],
        [AdmissionOperation.Create, AdmissionOperation.Update],
        "policyTypes should be explicit");

    public void Evaluate(RuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Subject.Typed is not NetworkPolicy policy || PolicyTypes.IsExplicit(policy.Spec))
        {
            return;
        }

        context.Report(PolicyTypes.AppliesToEgress(policy.Spec)
            ? "policyTypes is not set: [Ingress, Egress] is implied; write it out"
            : "policyTypes is not set: only Ingress is implied, egress stays open; write it out");
    }
}
