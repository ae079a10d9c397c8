using Netguard.Core.Admission;
using Netguard.Core.Rules.ControlPlane;
using Netguard.Core.Rules.NetworkPolicies;
using Netguard.Core.Rules.Qos;
using Netguard.Core.Rules.Topology;

namespace Netguard.Core.Rules;

/// <summary>
/// The registry of every rule of SPEC §5. Order matters only among mutations (each sees the ones before
/// it); validations always judge the fully mutated object. Add a rule with one line in its area.
/// </summary>
public static class BuiltInRules
{
    /// <summary>All built-in rules; they are stateless, so one instance serves every request.</summary>
    public static IReadOnlyList<IAdmissionRule> All { get; } =
    [
        // Control-plane isolation (§5.1)
        new ControlPlaneTolerationRule(),
        new ControlPlanePinningRule(),
        new ControlPlaneTaintRule(),

        // Topology-aware scheduling (§5.2)
        new TopologySpreadRule(),
        new ColocateAffinityRule(),
        new ServiceTopologyRule(),

        // NetworkPolicy hygiene (§5.3)
        new NetpolAllowAllRule(),
        new NetpolWorldCidrRule(),
        new NetpolBlocksDnsRule(),
        new NetpolSelectsNothingRule(),
        new NetpolUnknownPortRule(),
        new NetpolImplicitTypesRule(),
        new NamespaceDefaultDenyRule(),

        // QoS classes (§5.4)
        new QosClassRule(),
        new QosClassUnknownRule(),
        new QosClassForbiddenRule(),
    ];

    /// <summary>An engine over <see cref="All"/>.</summary>
    public static AdmissionEngine CreateEngine() => new(All);
}
