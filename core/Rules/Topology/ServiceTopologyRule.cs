using System.Text.Json.Nodes;
using Netguard.Core.Admission;
using Netguard.Core.Config;
using Netguard.Core.Kube.Models;

namespace Netguard.Core.Rules.Topology;

/// <summary>
/// service-topology (SPEC §5.2): sets <c>spec.trafficDistribution</c> (from
/// <c>topology.services.trafficDistribution</c>; "" turns it off) on a Service that has a non-empty
/// selector and none set. Services without a selector (manually managed EndpointSlices) and ExternalName
/// services are not routed by kube-proxy's topology logic, so they are left alone.
/// </summary>
public sealed class ServiceTopologyRule : IAdmissionRule
{
    public RuleDescriptor Descriptor { get; } = new(
        RuleIds.ServiceTopology,
        RulePhase.Mutate,
        RuleAction.On,
        ["Service"],
        [AdmissionOperation.Create, AdmissionOperation.Update],
        "sets spec.trafficDistribution on selector-based Services");

    public void Evaluate(RuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var value = context.Config.Topology.Services.TrafficDistribution;
        if (string.IsNullOrEmpty(value)
            || context.Subject.Typed is not Service { Spec: { } spec }
            || spec.Selector is not { Count: > 0 }
            || spec.Type == "ExternalName"
            || !string.IsNullOrEmpty(spec.TrafficDistribution))
        {
            return;
        }

        var ops = context.Patch.Set(["spec", "trafficDistribution"], JsonValue.Create(value));
        context.Mutate($"set spec.trafficDistribution: {value}", ops);
    }
}
