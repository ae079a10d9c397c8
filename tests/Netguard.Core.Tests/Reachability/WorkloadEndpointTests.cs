using Netguard.Core.Cluster;
using Netguard.Core.Kube.Models;
using Netguard.Core.Reachability;

namespace Netguard.Core.Tests.Reachability;

/// <summary>
/// An endpoint that stands for a workload's pods: from it to itself is between two of its pods, which the
/// policies judge; a single pod to itself is always allowed (docs/reachability.md).
/// </summary>
public class WorkloadEndpointTests
{
    // x/db is isolated for ingress and nothing is allowed in.
    private static ClusterSnapshot Cluster(Pod db) => ClusterSnapshot.Create(
        namespaces: [new Namespace { Metadata = new ObjectMeta { Name = "x", Labels = new() { [Namespace.NameLabel] = "x" } } }],
        pods: [db],
        networkPolicies:
        [
            new NetworkPolicy
            {
                Metadata = new ObjectMeta { Name = "deny-in", Namespace = "x" },
                Spec = new NetworkPolicySpec { PodSelector = new LabelSelector(), PolicyTypes = ["Ingress"] },
            },
        ]);

    private static Pod Db() => new() { Metadata = new ObjectMeta { Name = "db", Namespace = "x", Labels = new() { ["app"] = "db" } } };

    [Theory]
    [InlineData(false, true)]
    [InlineData(true, false)]
    public void ReachAndMatrix_EndpointToItself_AllowedOnlyForAPod(bool workload, bool allowed)
    {
        var db = Db();
        var engine = ReachabilityEngine.Create(Cluster(db), p => workload && ReferenceEquals(p, db));
        var endpoint = engine.FindPod("x", "db")!;

        endpoint.IsWorkload.ShouldBe(workload);
        engine.Reach(ReachEndpoint.ForPod(endpoint), ReachEndpoint.ForPod(endpoint), ProbePort.Numeric(5432)).Allowed.ShouldBe(allowed);
        engine.Matrix(ProbePort.Numeric(5432)).IsAllowed(0, 0).ShouldBe(allowed);
    }
}
