using System.Text.Json;
using Netguard.Core.Kube.Models;
using Netguard.Core.Reachability;

namespace Netguard.Core.Tests.Reachability;

public class PolicyUnderReviewTests
{
    private static NetworkPolicy Copy(NetworkPolicy p) =>
        JsonSerializer.Deserialize(JsonSerializer.Serialize(p, KubeJsonContext.Default.NetworkPolicy), KubeJsonContext.Default.NetworkPolicy)!;

    private static bool[] Cells(ReachabilityEngine engine)
    {
        var m = engine.Matrix(ProbePort.Numeric(80));
        var n = m.Pods.Count;
        return Enumerable.Range(0, n * n).Select(i => m.IsAllowed(i / n, i % n)).ToArray();
    }

    [Fact]
    public void For_PoliciesAlreadyInTheCluster_ShareOneEngineWithTheSameVerdicts()
    {
        // Audit judges every existing policy "after itself": that is the cluster as it stands.
        var cluster = RandomCluster.Generate(seed: 7, pods: 40, policies: 12, namespaces: 3);
        var policies = cluster.NetworkPolicies.ToList();

        var reviews = policies.Select(p => PolicyUnderReview.For(cluster, Copy(p), p.Metadata.Namespace!)).ToList();

        reviews.Select(r => r.Engine).Distinct().ShouldHaveSingleItem();
        var rebuilt = PolicyUnderReview.Create(cluster, Copy(policies[0]), policies[0].Metadata.Namespace!);
        Cells(reviews[0].Engine).ShouldBe(Cells(rebuilt.Engine));
        reviews.Select(r => r.Reference).ShouldBe(policies.Select(p => new PolicyRef(p.Metadata.Namespace!, p.Metadata.Name!)));
    }

    [Fact]
    public void For_ChangedSpec_JudgesTheClusterAfterTheChange()
    {
        var cluster = RandomCluster.Generate(seed: 11, pods: 30, policies: 6, namespaces: 2);
        var original = cluster.NetworkPolicies.First();
        var changed = Copy(original);
        changed.Spec.PodSelector = new LabelSelector();
        changed.Spec.PolicyTypes = ["Ingress", "Egress"];
        changed.Spec.Ingress = null;
        changed.Spec.Egress = null; // deny everything for every pod of the namespace

        var review = PolicyUnderReview.For(cluster, changed, original.Metadata.Namespace!);

        review.Engine.ShouldNotBeSameAs(PolicyUnderReview.For(cluster, Copy(cluster.NetworkPolicies.Last()), cluster.NetworkPolicies.Last().Metadata.Namespace!).Engine);
        var m = review.Engine.Matrix(ProbePort.Numeric(80));
        var ns = original.Metadata.Namespace!;
        for (var i = 0; i < m.Pods.Count; i++)
        {
            if (m.Pods[i].Namespace == ns && !m.Pods[i].HostNetwork)
            {
                // Isolated for ingress with no rule: no other pod may reach it (a pod's own node and the
                // pod itself stay allowed, docs/reachability.md, so hostNetwork sources are left out).
                Enumerable.Range(0, m.Pods.Count).Where(j => j != i && !m.Pods[j].HostNetwork && m.IsAllowed(j, i)).ShouldBeEmpty();
            }
        }
    }
}
