using Netguard.Core.Rules.NetworkPolicies;

namespace Netguard.Core.Tests.Rules.NetworkPolicies;

public class NetpolImplicitTypesRuleTests
{
    private static readonly RuleHarness Harness = new(new NetpolImplicitTypesRule());

    private static string Policy(string spec) =>
        "{\"apiVersion\":\"networking.k8s.io/v1\",\"kind\":\"NetworkPolicy\",\"metadata\":{\"name\":\"np\",\"namespace\":\"shop\"},\"spec\":" + spec + "}";

    [Fact]
    public void Evaluate_AbsentWithoutEgressRules_SaysEgressStaysOpen()
    {
        var result = Harness.Run("NetworkPolicy", Policy("""{"podSelector":{}}"""));

        result.Findings.ShouldHaveSingleItem().Message.ShouldBe("policyTypes is not set: only Ingress is implied, egress stays open; write it out");
    }

    [Fact]
    public void Evaluate_AbsentWithEgressRules_SaysBothImplied()
    {
        var result = Harness.Run("NetworkPolicy", Policy("""{"podSelector":{},"egress":[{"ports":[{"port":53,"protocol":"UDP"}]}]}"""));

        result.Findings.ShouldHaveSingleItem().Message.ShouldBe("policyTypes is not set: [Ingress, Egress] is implied; write it out");
    }

    [Fact]
    public void Evaluate_EmptyList_TreatedAsAbsent()
    {
        Harness.Run("NetworkPolicy", Policy("""{"podSelector":{},"policyTypes":[]}""")).Findings.Count.ShouldBe(1);
    }

    [Fact]
    public void Evaluate_Explicit_Silent()
    {
        Harness.Run("NetworkPolicy", Policy("""{"podSelector":{},"policyTypes":["Egress"]}""")).Findings.ShouldBeEmpty();
    }
}
