using System.Net;
using FsCheck;
using FsCheck.Fluent;
using Netguard.Core.Cluster;
using Netguard.Core.Reachability;

namespace Netguard.Core.Tests.Reachability;

public class ReachabilityPropertyTests
{
    private static readonly string[] PortsToProbe = ["80", "53/UDP", "9090/SCTP", "8500", "http", "dns/UDP", "metrics"];

    public sealed record ClusterCase(int Seed, int Pods, int Policies, int Namespaces)
    {
        public ClusterSnapshot Snapshot() => RandomCluster.Generate(Seed, Pods, Policies, Namespaces);

        public override string ToString() => $"seed={Seed} pods={Pods} policies={Policies} namespaces={Namespaces}";
    }

    private static Arbitrary<ClusterCase> Cases(int maxPods = 40, int maxPolicies = 25) =>
        (from seed in Gen.Choose(0, int.MaxValue - 1)
         from pods in Gen.Choose(0, maxPods)
         from policies in Gen.Choose(0, maxPolicies)
         from namespaces in Gen.Choose(1, 4)
         select new ClusterCase(seed, pods, policies, namespaces)).ToArbitrary();

    private static void Check(Arbitrary<ClusterCase> cases, Action<ClusterCase> property, int tests = 150) =>
        Prop.ForAll(cases, c =>
        {
            property(c);
            return true;
        }).Check(FsCheck.Config.QuickThrowOnFailure.WithMaxTest(tests));

    [Fact]
    public void RandomClusters_AreValidPolicies() =>
        Check(Cases(), c => ReachabilityEngine.Create(c.Snapshot()).Problems.ShouldBeEmpty(c.ToString()), tests: 50);

    [Fact]
    public void Matrix_RandomClusters_EqualsNaiveReference() =>
        Check(Cases(), c =>
        {
            var snapshot = c.Snapshot();
            var engine = ReachabilityEngine.Create(snapshot);
            foreach (var text in PortsToProbe)
            {
                ProbePort.TryParse(text, out var port, out _).ShouldBeTrue();
                var matrix = engine.Matrix(port);
                var expected = NaiveReachability.Matrix(snapshot, port.Number, port.Name, port.Protocol?.ToApiString());
                var n = engine.Pods.Count;
                for (var i = 0; i < n; i++)
                {
                    for (var j = 0; j < n; j++)
                    {
                        var actual = matrix.HasPort(j) && matrix.IsAllowed(i, j);
                        actual.ShouldBe(expected[(i * n) + j], $"{c} port {text}: {engine.Pods[i]} -> {engine.Pods[j]}");
                    }
                }
            }
        });

    [Fact]
    public void Reach_RandomPairs_AgreesWithMatrix() =>
        Check(Cases(maxPods: 25), c =>
        {
            var engine = ReachabilityEngine.Create(c.Snapshot());
            foreach (var text in PortsToProbe)
            {
                ProbePort.TryParse(text, out var port, out _).ShouldBeTrue();
                var matrix = engine.Matrix(port);
                for (var i = 0; i < engine.Pods.Count; i++)
                {
                    for (var j = 0; j < engine.Pods.Count; j++)
                    {
                        if (!matrix.HasPort(j))
                        {
                            Should.Throw<ReachabilityException>(() => engine.Reach(ReachEndpoint.ForPod(engine.Pods[i]), ReachEndpoint.ForPod(engine.Pods[j]), port));
                            continue;
                        }

                        var verdict = engine.Reach(ReachEndpoint.ForPod(engine.Pods[i]), ReachEndpoint.ForPod(engine.Pods[j]), port);
                        verdict.Allowed.ShouldBe(matrix.IsAllowed(i, j), $"{c} port {text}: {engine.Pods[i]} -> {engine.Pods[j]}");
                    }
                }
            }
        }, tests: 80);

    [Fact]
    public void AddingPolicy_IsolatedSide_TurnsDenyIntoAllowOnlyThroughTheNewPolicy() =>
        Check(Cases(maxPods: 25, maxPolicies: 15), c =>
        {
            var before = c.Snapshot();
            var added = RandomCluster.ExtraPolicy(c.Seed, c.Namespaces);
            var addedRef = new PolicyRef(added.Metadata.Namespace!, added.Metadata.Name!);
            var engineBefore = ReachabilityEngine.Create(before);
            var engineAfter = ReachabilityEngine.Create(ClusterSnapshot.WithNetworkPolicy(before, added));
            foreach (var port in new[] { ProbePort.Numeric(80), ProbePort.Numeric(53, TransportProtocol.Udp) })
            {
                for (var i = 0; i < engineBefore.Pods.Count; i++)
                {
                    for (var j = 0; j < engineBefore.Pods.Count; j++)
                    {
                        var was = engineBefore.Reach(ReachEndpoint.ForPod(engineBefore.Pods[i]), ReachEndpoint.ForPod(engineBefore.Pods[j]), port);
                        var now = engineAfter.Reach(ReachEndpoint.ForPod(engineAfter.Pods[i]), ReachEndpoint.ForPod(engineAfter.Pods[j]), port);
                        foreach (var (sideWas, sideNow) in new[] { (was.Egress, now.Egress), (was.Ingress, now.Ingress) })
                        {
                            if (!sideWas.Isolated)
                            {
                                continue;
                            }

                            var where = $"{c} +{addedRef} {port} {was.From} -> {was.To} {sideWas.Direction}";
                            if (sideWas.Allowed)
                            {
                                sideNow.Allowed.ShouldBeTrue(where + ": an allow of an isolated side was lost");
                            }
                            else if (sideNow.Allowed)
                            {
                                sideNow.AllowedBy.ShouldContain(r => r.Policy == addedRef, where + ": allowed without the new policy");
                            }
                        }
                    }
                }
            }
        }, tests: 100);

    [Fact]
    public void RemovingAllPolicies_AllowsEverything() =>
        Check(Cases(), c =>
        {
            var full = c.Snapshot();
            var bare = ClusterSnapshot.Create(namespaces: full.Namespaces, pods: full.Pods, networkPolicies: []);
            var engine = ReachabilityEngine.Create(bare);
            var matrix = engine.Matrix(ProbePort.Numeric(80));
            matrix.AllowedCount.ShouldBe(engine.Pods.Count * engine.Pods.Count, c.ToString());
            foreach (var pod in engine.Pods)
            {
                var outside = ReachEndpoint.ForAddress(IPAddress.Parse("203.0.113.7"));
                engine.Reach(outside, ReachEndpoint.ForPod(pod), ProbePort.Numeric(443)).Allowed.ShouldBeTrue(c.ToString());
                engine.Reach(ReachEndpoint.ForPod(pod), outside, ProbePort.Numeric(53, TransportProtocol.Udp)).Allowed.ShouldBeTrue(c.ToString());
            }
        }, tests: 60);
}
