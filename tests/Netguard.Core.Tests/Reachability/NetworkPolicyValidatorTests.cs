using Netguard.Core.Reachability;

namespace Netguard.Core.Tests.Reachability;

public class NetworkPolicyValidatorTests
{
    private static IReadOnlyList<PolicyProblem> Problems(string spec) =>
        new ClusterFixture().Policies("metadata: {namespace: x, name: p}\nspec:\n" + spec).Engine.Problems;

    [Theory]
    [InlineData("""
          podSelector: {}
          ingress: [{from: [{ipBlock: {cidr: 10.0.0/8}}]}]
        """, "spec.ingress[0].from[0].ipBlock.cidr", "invalid CIDR \"10.0.0/8\"")]
    [InlineData("""
          podSelector: {}
          ingress: [{from: [{ipBlock: {cidr: 10.0.0.0/16, except: [10.1.0.0/24]}}]}]
        """, "spec.ingress[0].from[0].ipBlock.except[0]", "strict subset")]
    [InlineData("""
          podSelector: {}
          egress: [{ports: [{port: 80, endPort: 79}]}]
        """, "spec.egress[0].ports[0].endPort", "79 must not be less than port 80")]
    [InlineData("""
          podSelector: {}
          egress: [{ports: [{port: http, endPort: 90}]}]
        """, "spec.egress[0].ports[0].endPort", "port is a name")]
    [InlineData("""
          podSelector: {}
          ingress: [{ports: [{protocol: ICMP, port: 1}]}]
        """, "spec.ingress[0].ports[0].protocol", "unsupported protocol \"ICMP\"")]
    [InlineData("""
          podSelector: {}
          ingress: [{ports: [{protocol: tcp, port: 1}]}]
        """, "spec.ingress[0].ports[0].protocol", "unsupported protocol \"tcp\"")]
    [InlineData("""
          podSelector: {}
          ingress: [{ports: [{port: 70000}]}]
        """, "spec.ingress[0].ports[0].port", "out of range")]
    [InlineData("""
          podSelector: {}
          ingress: [{ports: [{port: "80"}]}]
        """, "spec.ingress[0].ports[0].port", "not a valid port name")]
    [InlineData("""
          podSelector: {}
          ingress: [{from: [{}]}]
        """, "spec.ingress[0].from[0]", "must specify a peer")]
    [InlineData("""
          podSelector: {}
          ingress: [{from: [{ipBlock: {cidr: 10.0.0.0/8}, podSelector: {}}]}]
        """, "spec.ingress[0].from[0]", "may not be combined")]
    [InlineData("""
          podSelector: {matchExpressions: [{key: app, operator: In}]}
        """, "spec.podSelector", "needs at least one value")]
    [InlineData("""
          podSelector: {}
          policyTypes: [Ingres]
        """, "spec.policyTypes[0]", "unsupported value \"Ingres\"")]
    public void Validate_BadField_NamesPathAndProblem(string spec, string path, string message)
    {
        var problem = Problems(spec).ShouldHaveSingleItem();
        problem.Path.ShouldBe(path);
        problem.Message.ShouldContain(message);
        problem.ToString().ShouldStartWith("NetworkPolicy x/p: " + path + ": ");
    }

    [Fact]
    public void Validate_BadIpBlock_CompilesToMatchNothing()
    {
        var cluster = new ClusterFixture()
            .Pod("x/a", "app=a", "10.0.0.1")
            .Policies("""
                metadata: {namespace: x, name: p}
                spec:
                  podSelector: {}
                  ingress: [{from: [{ipBlock: {cidr: 10.0.0/8}}]}]
                """);

        cluster.Reach("10.1.1.1", "x/a", "80").Allowed.ShouldBeFalse();
    }
}
