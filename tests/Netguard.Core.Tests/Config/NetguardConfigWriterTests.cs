using Netguard.Core.Config;
using Netguard.Core.JsonPatch;

namespace Netguard.Core.Tests.Config;

public class NetguardConfigWriterTests
{
    [Fact]
    public void ToYaml_Default_LoadsBackToTheSameConfig()
    {
        var yaml = NetguardConfigWriter.ToYaml(new NetguardConfig(), effectiveRules: true);

        var back = NetguardConfigLoader.Load(yaml);

        back.IsValid.ShouldBeTrue(string.Join("\n", back.ProblemLines));
        JsonValueEquality.DeepEquals(NetguardConfigWriter.ToJson(back.Config!, effectiveRules: true), NetguardConfigWriter.ToJson(new NetguardConfig(), effectiveRules: true)).ShouldBeTrue();
    }

    [Fact]
    public void ToYaml_CustomConfig_RoundTrips()
    {
        const string yaml = """
            controlPlane:
              taint: {key: dedicated, value: control-plane, effect: NoExecute}
            topology:
              colocate:
              - {namespaces: [shop], matchLabels: {app: web}, with: {labels: {app: cache}}, topologyKey: topology.kubernetes.io/zone, weight: 50}
              services: {trafficDistribution: ""}
            qos:
              linkRate: 25gbit
              defaultClass: standard
              classes:
              - {name: control-plane, rate: 2gbit, ceil: 100%, dscp: 48}
              - {name: standard, priority: 4, rate: 12.5%}
              assignments:
              - {name: system, class: control-plane, namespaces: [kube-system]}
              requests: []
            rules:
              topology-spread: "off"
              netpol-allow-all: deny
            """;
        var config = NetguardConfigLoader.LoadOrThrow(yaml);

        var written = NetguardConfigWriter.ToYaml(config);
        var back = NetguardConfigLoader.LoadOrThrow(written);

        JsonValueEquality.DeepEquals(NetguardConfigWriter.ToJson(back), NetguardConfigWriter.ToJson(config)).ShouldBeTrue(written);
        back.ControlPlane.Taint.Value.ShouldBe("control-plane");
        back.Topology.Services.TrafficDistribution.ShouldBe("");
        back.Qos.Classes[0].Dscp.ShouldBe("48");
        back.Qos.Assignments.Single().Name.ShouldBe("system");
        back.Qos.Assignments.Single().MatchLabels.ShouldBeNull();
        back.Rules["topology-spread"].ShouldBe(RuleAction.Off);
    }

    [Fact]
    public void ToJson_RulesOnlyOverridesUnlessEffective()
    {
        var config = new NetguardConfig { Rules = { ["netpol-allow-all"] = RuleAction.Deny } };

        NetguardConfigWriter.ToJson(config)["rules"]!.ToJsonString().ShouldBe("{\"netpol-allow-all\":\"deny\"}");
        NetguardConfigWriter.ToJson(config, effectiveRules: true)["rules"]!.AsObject().Count.ShouldBe(16);
    }

    [Fact]
    public void ToYaml_OnOffActions_AreQuotedSoYamlKeepsThemStrings() =>
        NetguardConfigWriter.ToYaml(new NetguardConfig { Rules = { ["qos-class"] = RuleAction.Off } }).ShouldContain("  qos-class: \"off\"\n");
}
