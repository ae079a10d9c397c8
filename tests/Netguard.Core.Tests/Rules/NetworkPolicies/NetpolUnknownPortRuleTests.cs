using Netguard.Core.Admission;
using Netguard.Core.Cluster;
using Netguard.Core.Config;
using Netguard.Core.Rules;
using Netguard.Core.Rules.NetworkPolicies;
using Netguard.Core.Tests.Reachability;

namespace Netguard.Core.Tests.Rules.NetworkPolicies;

public class NetpolUnknownPortRuleTests
{
    private static ClusterFixture Cluster() => new ClusterFixture()
        .Pod("shop/web-1", "app=web", "10.0.0.1", "web:8080")
        .Pod("shop/web-2", "app=web", "10.0.0.2", "web:8080,dns:53/UDP")
        .Pod("shop/api-0", "app=api", "10.0.0.3", "http:9090");

    private static IReadOnlyList<Finding> Run(IClusterSnapshot cluster, string policyYaml)
    {
        var subject = new AdmissionSubject("NetworkPolicy", AdmissionOperation.Create, YamlDocuments.Parse(policyYaml).Single());
        return new AdmissionEngine([new NetpolUnknownPortRule()]).Evaluate(subject, cluster, new NetguardConfig(), RulePhase.Validate).Findings;
    }

    [Fact]
    public void Evaluate_IngressNamedPortNoSelectedPodHas_WarnsNamingPods()
    {
        var finding = Run(Cluster().Snapshot(), """
            metadata: {namespace: shop, name: web}
            spec:
              podSelector: {matchLabels: {app: web}}
              ingress: [{ports: [{port: 8080}, {port: http}]}]
            """).ShouldHaveSingleItem();

        finding.Rule.ShouldBe(RuleIds.NetpolUnknownPort);
        finding.Action.ShouldBe(FindingAction.Warn);
        finding.Message.ShouldBe("ingress[0].ports[1]: no selected pod exposes port \"http\"/TCP; checked shop/web-1 and shop/web-2");
    }

    [Fact]
    public void Evaluate_SomeSelectedPodHasIt_Passes() =>
        Run(Cluster().Snapshot(), """
            metadata: {namespace: shop, name: web}
            spec:
              podSelector: {matchLabels: {app: web}}
              ingress: [{ports: [{port: web}]}]
            """).ShouldBeEmpty();

    [Fact]
    public void Evaluate_NameExistsWithOtherProtocol_SaysWhich()
    {
        var finding = Run(Cluster().Snapshot(), """
            metadata: {namespace: shop, name: web}
            spec:
              podSelector: {matchLabels: {app: web}}
              ingress: [{ports: [{port: dns}]}]
            """).ShouldHaveSingleItem();

        finding.Message.ShouldBe("ingress[0].ports[0]: no selected pod exposes port \"dns\"/TCP (shop/web-2 has it as UDP); checked shop/web-1 and shop/web-2");
    }

    [Fact]
    public void Evaluate_EgressNamedPortNoPeerPodHas_Warns()
    {
        var finding = Run(Cluster().Snapshot(), """
            metadata: {namespace: shop, name: web-out}
            spec:
              podSelector: {matchLabels: {app: web}}
              policyTypes: [Egress]
              egress:
              - to: [{podSelector: {matchLabels: {app: api}}}]
                ports: [{port: web}]
              - to: [{podSelector: {matchLabels: {app: api}}}]
                ports: [{port: http}]
            """).ShouldHaveSingleItem();

        finding.Message.ShouldBe("egress[0].ports[0]: no destination pod exposes port \"web\"/TCP; checked shop/api-0");
    }

    [Fact]
    public void Evaluate_PodsUnknown_Passes() =>
        Run(ClusterSnapshot.Empty, """
            metadata: {namespace: shop, name: web}
            spec:
              podSelector: {}
              ingress: [{ports: [{port: nothing}]}]
            """).ShouldBeEmpty();

    [Fact]
    public void Evaluate_StraySectionOfAnotherType_IsIgnored() =>
        Run(Cluster().Snapshot(), """
            metadata: {namespace: shop, name: web}
            spec:
              podSelector: {matchLabels: {app: web}}
              policyTypes: [Egress]
              egress: [{}]
              ingress: [{ports: [{port: nothing}]}]
            """).ShouldBeEmpty();

    [Fact]
    public void BuiltInRules_IncludesTheRule() =>
        BuiltInRules.All.ShouldContain(r => r.Descriptor.Id == RuleIds.NetpolUnknownPort);
}
