using Netguard.Core.Admission;
using Netguard.Core.Config;
using Netguard.Core.Rules.Topology;

namespace Netguard.Core.Tests.Rules.Topology;

public class ServiceTopologyRuleTests
{
    private static readonly RuleHarness Harness = new(new ServiceTopologyRule());

    private static string Service(string spec) =>
        "{\"apiVersion\":\"v1\",\"kind\":\"Service\",\"metadata\":{\"name\":\"web\",\"namespace\":\"shop\"},\"spec\":" + spec + "}";

    [Theory]
    [InlineData(AdmissionOperation.Create)]
    [InlineData(AdmissionOperation.Update)]
    public void Evaluate_SelectorWithoutTrafficDistribution_SetsPreferClose(AdmissionOperation operation)
    {
        var json = Service("""{"selector":{"app":"web"},"ports":[{"port":80}]}""");

        var result = Harness.Run("Service", json, operation, oldJson: operation == AdmissionOperation.Update ? json : null);

        RuleHarness.Ops(result).ShouldBe(["add /spec/trafficDistribution \"PreferClose\""]);
        result.Findings.ShouldHaveSingleItem().Message.ShouldBe("set spec.trafficDistribution: PreferClose");
        Harness.Rerun("Service", result).Patch.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("""{"ports":[{"port":80}]}""")]
    [InlineData("""{"selector":{},"ports":[{"port":80}]}""")]
    [InlineData("""{"selector":{"app":"web"},"trafficDistribution":"PreferSameZone"}""")]
    [InlineData("""{"type":"ExternalName","externalName":"db.example.com","selector":{"app":"web"}}""")]
    public void Evaluate_NoSelectorOrAlreadySet_Untouched(string spec)
    {
        Harness.Run("Service", Service(spec)).Findings.ShouldBeEmpty();
    }

    [Fact]
    public void Evaluate_ConfigEmptyString_Off()
    {
        var config = new NetguardConfig();
        config.Topology.Services.TrafficDistribution = "";

        new RuleHarness(new ServiceTopologyRule()) { Config = config }
            .Run("Service", Service("""{"selector":{"app":"web"}}""")).Patch.ShouldBeEmpty();
    }
}
