using Netguard.Core.Rules.NetworkPolicies;

namespace Netguard.Core.Tests.Rules.NetworkPolicies;

public class NetpolWorldCidrRuleTests
{
    private static readonly RuleHarness Harness = new(new NetpolWorldCidrRule());

    private static string Policy(string spec) =>
        "{\"apiVersion\":\"networking.k8s.io/v1\",\"kind\":\"NetworkPolicy\",\"metadata\":{\"name\":\"np\",\"namespace\":\"shop\"},\"spec\":" + spec + "}";

    [Theory]
    [InlineData("0.0.0.0/0", "egress[0].to[1] ipBlock 0.0.0.0/0 has no except: it matches every address, pods included")]
    [InlineData("::/0", "egress[0].to[1] ipBlock ::/0 has no except: it matches every address, pods included")]
    public void Evaluate_WorldCidrWithoutExcept_Warns(string cidr, string message)
    {
        var result = Harness.Run("NetworkPolicy", Policy(
            "{\"podSelector\":{},\"policyTypes\":[\"Egress\"],\"egress\":[{\"to\":[{\"podSelector\":{}},{\"ipBlock\":{\"cidr\":\"" + cidr + "\"}}]}]}"));

        result.Findings.ShouldHaveSingleItem().Message.ShouldBe(message);
    }

    [Fact]
    public void Evaluate_IngressWorldCidr_Warns()
    {
        var result = Harness.Run("NetworkPolicy", Policy("""{"podSelector":{},"ingress":[{"from":[{"ipBlock":{"cidr":"0.0.0.0/0","except":[]}}]}]}"""));

        result.Findings.ShouldHaveSingleItem().Message.ShouldStartWith("ingress[0].from[0] ");
    }

    [Theory]
    [InlineData("""{"cidr":"0.0.0.0/0","except":["10.0.0.0/8"]}""")]
    [InlineData("""{"cidr":"10.0.0.0/8"}""")]
    [InlineData("""{"cidr":"2001:db8::/32"}""")]
    public void Evaluate_NarrowerBlocks_Silent(string block)
    {
        Harness.Run("NetworkPolicy", Policy("{\"podSelector\":{},\"egress\":[{\"to\":[{\"ipBlock\":" + block + "}]}]}")).Findings.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("0.0.0.0/0", true)]
    [InlineData("::/0", true)]
    [InlineData("0::0/0", true)]
    [InlineData("0.0.0.0/1", false)]
    [InlineData("0.0.0.0/00", false)]
    [InlineData("garbage/0", false)]
    public void IsWorld_Cidr_PrefixLengthZero(string cidr, bool expected)
    {
        NetpolWorldCidrRule.IsWorld(cidr).ShouldBe(expected);
    }
}
