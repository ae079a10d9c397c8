using Netguard.Core.Admission;
using Netguard.Core.Cluster;
using Netguard.Core.Config;
using Netguard.Core.Rules;
using Netguard.Core.Rules.NetworkPolicies;
using Netguard.Core.Tests.Reachability;

namespace Netguard.Core.Tests.Rules.NetworkPolicies;

public class NetpolSelectsNothingRuleTests
{
    private static ClusterFixture Cluster() => new ClusterFixture()
        .Pod("shop/web-1", "app=web", "10.0.0.1")
        .Pod("shop/web-2", "app=web", "10.0.0.2")
        .Pod("shop/agent", "app=agent", "192.168.0.1", hostNetwork: true)
        .Pod("other/api-0", "app=api", "10.0.1.1");

    private static IReadOnlyList<Finding> Run(IClusterSnapshot cluster, string selector, string ns = "shop")
    {
        var yaml = $"metadata: {{namespace: {ns}, name: p}}\nspec: {{podSelector: {selector}, policyTypes: [Ingress]}}";
        var subject = new AdmissionSubject("NetworkPolicy", AdmissionOperation.Create, YamlDocuments.Parse(yaml).Single());
        return new AdmissionEngine([new NetpolSelectsNothingRule()]).Evaluate(subject, cluster, new NetguardConfig(), RulePhase.Validate).Findings;
    }

    [Fact]
    public void Evaluate_TypoInSelector_WarnsWithCounts()
    {
        var finding = Run(Cluster().Snapshot(), "{matchLabels: {app: wbe}}").ShouldHaveSingleItem();

        finding.Rule.ShouldBe(RuleIds.NetpolSelectsNothing);
        finding.Action.ShouldBe(FindingAction.Warn);
        finding.Message.ShouldBe("podSelector app=wbe matches none of the 3 pods in namespace shop");
    }

    [Fact]
    public void Evaluate_SelectorMatchesAPod_Passes() =>
        Run(Cluster().Snapshot(), "{matchExpressions: [{key: app, operator: In, values: [web, db]}]}").ShouldBeEmpty();

    [Fact]
    public void Evaluate_MatchesOnlyInAnotherNamespace_Warns() =>
        Run(Cluster().Snapshot(), "{matchLabels: {app: api}}").ShouldHaveSingleItem();

    [Fact]
    public void Evaluate_MatchesOnlyHostNetworkPods_SaysPoliciesDoNotApply() =>
        Run(Cluster().Snapshot(), "{matchLabels: {app: agent}}").ShouldHaveSingleItem().Message
            .ShouldBe("podSelector app=agent matches only hostNetwork pods such as shop/agent, which NetworkPolicy does not apply to");

    [Fact]
    public void Evaluate_NamespaceWithoutPods_SaysSo() =>
        Run(Cluster().Snapshot(), "{matchLabels: {app: web}}", ns: "empty").ShouldHaveSingleItem().Message
            .ShouldBe("podSelector app=web matches no pod: namespace empty has no pods");

    [Fact]
    public void Evaluate_EmptySelector_Passes() =>
        Run(Cluster().Snapshot(), "{}", ns: "empty").ShouldBeEmpty();

    [Fact]
    public void Evaluate_PodsUnknown_Passes() =>
        Run(ClusterSnapshot.Empty, "{matchLabels: {app: wbe}}").ShouldBeEmpty();

    [Fact]
    public void BuiltInRules_IncludesTheRule() =>
        BuiltInRules.All.ShouldContain(r => r.Descriptor.Id == RuleIds.NetpolSelectsNothing);

    [Fact]
    public void AllThreeRules_OnOneRequest_ShareOneReviewOfTheCluster()
    {
        var cluster = Cluster().Snapshot();
        var yaml = "metadata: {namespace: shop, name: p}\nspec: {podSelector: {matchLabels: {app: wbe}}, policyTypes: [Egress], egress: [{ports: [{port: http}]}]}";
        var subject = new AdmissionSubject("NetworkPolicy", AdmissionOperation.Create, YamlDocuments.Parse(yaml).Single());
        var policy = (Core.Kube.Models.NetworkPolicy)subject.Typed;

        var first = Core.Reachability.PolicyUnderReview.For(cluster, policy, "shop");

        Core.Reachability.PolicyUnderReview.For(cluster, policy, "shop").ShouldBeSameAs(first);
        Core.Reachability.PolicyUnderReview.For(Cluster().Snapshot(), policy, "shop").ShouldNotBeSameAs(first);
        Core.Reachability.PolicyUnderReview.For(cluster, policy, "other").ShouldNotBeSameAs(first);
    }
}
