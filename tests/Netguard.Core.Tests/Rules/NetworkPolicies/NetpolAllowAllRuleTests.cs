using Netguard.Core.Admission;
using Netguard.Core.Rules.NetworkPolicies;

namespace Netguard.Core.Tests.Rules.NetworkPolicies;

public class NetpolAllowAllRuleTests
{
    private static readonly RuleHarness Harness = new(new NetpolAllowAllRule());

    private static string Policy(string spec) =>
        "{\"apiVersion\":\"networking.k8s.io/v1\",\"kind\":\"NetworkPolicy\",\"metadata\":{\"name\":\"np\",\"namespace\":\"shop\"},\"spec\":" + spec + "}";

    [Fact]
    public void Evaluate_EmptyIngressRule_Warns()
    {
        var result = Harness.Run("NetworkPolicy", Policy("""{"podSelector":{},"policyTypes":["Ingress"],"ingress":[{}]}"""));

        result.Allowed.ShouldBeTrue();
        var finding = result.Findings.ShouldHaveSingleItem();
        finding.Action.ShouldBe(FindingAction.Warn);
        finding.Message.ShouldBe("ingress[0] has no peers and no ports: it allows every source on every port");
    }

    [Fact]
    public void Evaluate_EmptyEgressRuleWithEmptyLists_Warns()
    {
        var result = Harness.Run("NetworkPolicy", Policy("""{"podSelector":{},"policyTypes":["Egress"],"egress":[{"to":[],"ports":[]}]}"""));

        result.Findings.ShouldHaveSingleItem().Message.ShouldStartWith("egress[0] has no peers and no ports");
    }

    [Theory]
    [InlineData("""{"podSelector":{},"ingress":[{"from":[{"podSelector":{}}]}]}""")]
    [InlineData("""{"podSelector":{},"ingress":[{"ports":[{"port":80}]}]}""")]
    [InlineData("""{"podSelector":{},"policyTypes":["Ingress","Egress"]}""")]
    [InlineData("""{"podSelector":{},"egress":[{"to":[{"namespaceSelector":{}}],"ports":[{"port":53,"protocol":"UDP"}]}]}""")]
    public void Evaluate_RulesWithPeersOrPorts_Silent(string spec)
    {
        Harness.Run("NetworkPolicy", Policy(spec)).Findings.ShouldBeEmpty();
    }

    [Fact]
    public void Evaluate_SecondRuleAllowAll_NamesItsIndex()
    {
        var result = Harness.Run("NetworkPolicy", Policy("""{"podSelector":{},"egress":[{"ports":[{"port":53}]},{}]}"""));

        result.Findings.ShouldHaveSingleItem().Message.ShouldStartWith("egress[1] ");
    }
}
