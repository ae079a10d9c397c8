using Netguard.Core.Reachability;

namespace Netguard.Core.Tests.Reachability;

public class ReachVerdictTests
{
    private static ClusterFixture Cluster() => ReachabilityScenarios.Base().Policies("""
        metadata: {namespace: x, name: default-deny}
        spec: {podSelector: {}, policyTypes: [Ingress, Egress]}
        ---
        metadata: {namespace: x, name: web}
        spec:
          podSelector: {matchLabels: {app: a}}
          ingress:
          - from: [{namespaceSelector: {matchLabels: {ns: y}}}]
            ports: [{port: 8080}]
          - from: [{podSelector: {matchLabels: {app: b}}}]
        ---
        metadata: {namespace: x, name: dns}
        spec:
          podSelector: {}
          policyTypes: [Egress]
          egress:
          - ports: [{port: 53, protocol: UDP}, {port: 53, protocol: TCP}]
        """);

    [Fact]
    public void Reach_Allowed_NamesIsolatingPoliciesAndAllowingRules()
    {
        var verdict = Cluster().Reach("y/a", "x/a", "8080");

        verdict.Allowed.ShouldBeTrue();
        verdict.Egress.Reason.ShouldBe(DirectionReason.NotIsolated);
        verdict.Egress.Policies.ShouldBeEmpty();
        verdict.Ingress.Reason.ShouldBe(DirectionReason.AllowedByRule);
        verdict.Ingress.Policies.Select(p => p.ToString()).ShouldBe(["x/default-deny", "x/web"]);
        verdict.Ingress.AllowedBy.Select(r => r.ToString()).ShouldBe(["x/web ingress[0]"]);
        verdict.FromAddress!.ToString().ShouldBe("10.0.2.5");
        verdict.ToAddress!.ToString().ShouldBe("10.0.1.1");
    }

    [Fact]
    public void Reach_DeniedOnEgress_ListsEveryIsolatingPolicyAndNoRule()
    {
        var verdict = Cluster().Reach("x/b", "y/a", "80");

        verdict.Allowed.ShouldBeFalse();
        verdict.Egress.Allowed.ShouldBeFalse();
        verdict.Egress.Reason.ShouldBe(DirectionReason.NoRuleAllows);
        verdict.Egress.Policies.Select(p => p.ToString()).ShouldBe(["x/default-deny", "x/dns"]);
        verdict.Egress.AllowedBy.ShouldBeEmpty();
        verdict.Ingress.Allowed.ShouldBeTrue();
    }

    [Fact]
    public void Reach_TwoRulesAllow_ListsBoth()
    {
        var verdict = Cluster().Reach("x/b", "x/a", "53/UDP");

        verdict.Allowed.ShouldBeTrue();
        verdict.Egress.AllowedBy.Select(r => r.ToString()).ShouldBe(["x/dns egress[0]"]);
        verdict.Ingress.AllowedBy.Select(r => r.ToString()).ShouldBe(["x/web ingress[1]"]);
    }

    [Fact]
    public void Reach_NamedPortMissingOnDestination_Throws()
    {
        var error = Should.Throw<ReachabilityException>(() => Cluster().Reach("y/a", "x/c", "http"));
        error.Message.ShouldBe("pod x/c has no container port named \"http\"");
    }

    [Fact]
    public void Reach_NamedPortOnAddress_Throws() =>
        Should.Throw<ReachabilityException>(() => Cluster().Reach("x/a", "203.0.113.1", "http")).Message.ShouldContain("needs a pod");

    [Fact]
    public void Reach_DestinationWithoutAddress_ReportsIpBlockRulesAsUndecided()
    {
        var cluster = new ClusterFixture()
            .Pod("x/a", "app=a", "10.0.0.1")
            .Pod("kube-system/dns", "k8s-app=kube-dns")
            .Policies("""
                metadata: {namespace: x, name: to-cidr}
                spec:
                  podSelector: {}
                  policyTypes: [Egress]
                  egress: [{to: [{ipBlock: {cidr: 10.96.0.0/12}}], ports: [{port: 53, protocol: UDP}]}]
                """);

        var verdict = cluster.Reach("x/a", "kube-system/dns", "53/UDP");

        verdict.Egress.Allowed.ShouldBeFalse();
        verdict.Egress.Undecided.Select(r => r.ToString()).ShouldBe(["x/to-cidr egress[0]"]);
    }

    [Fact]
    public void Matrix_NamedPort_ResolvesPerDestinationAndSkipsPodsWithoutIt()
    {
        var cluster = ReachabilityScenarios.Base();
        var port = ProbePort.Named("http");

        var matrix = cluster.Engine.Matrix(port);

        var names = matrix.Pods.Select(p => p.Key).ToList();
        matrix.DestinationPorts[names.IndexOf("x/a")]!.Number.ShouldBe(8080);
        matrix.DestinationPorts[names.IndexOf("x/b")]!.Number.ShouldBe(9090);
        matrix.HasPort(names.IndexOf("x/c")).ShouldBeFalse();
        matrix.IsAllowed(names.IndexOf("y/a"), names.IndexOf("x/c")).ShouldBeFalse();
        matrix.IsAllowed(names.IndexOf("y/a"), names.IndexOf("x/a")).ShouldBeTrue();
    }
}
