using Netguard.Core.Admission;
using Netguard.Core.Config;
using Netguard.Core.Rules;

namespace Netguard.Core.Tests.Config;

public class RuleCatalogTests
{
    [Fact]
    public void All_HoldsEverySpecRuleIdOnce()
    {
        // SPEC §5.1–§5.4.
        RuleCatalog.All.Select(r => r.Id).ShouldBe(
        [
            "control-plane-toleration", "control-plane-pinning", "control-plane-taint",
            "topology-spread", "colocate-affinity", "service-topology",
            "netpol-allow-all", "netpol-world-cidr", "netpol-blocks-dns", "netpol-selects-nothing", "netpol-implicit-types",
            "netpol-unknown-port", "namespace-default-deny",
            "qos-class", "qos-class-unknown", "qos-class-forbidden",
        ]);
    }

    [Theory]
    [InlineData("control-plane-toleration", RuleAction.Deny)]
    [InlineData("control-plane-pinning", RuleAction.Deny)]
    [InlineData("control-plane-taint", RuleAction.Deny)]
    [InlineData("netpol-allow-all", RuleAction.Warn)]
    [InlineData("netpol-world-cidr", RuleAction.Warn)]
    [InlineData("netpol-blocks-dns", RuleAction.Deny)]
    [InlineData("netpol-selects-nothing", RuleAction.Warn)]
    [InlineData("netpol-implicit-types", RuleAction.Warn)]
    [InlineData("netpol-unknown-port", RuleAction.Warn)]
    [InlineData("namespace-default-deny", RuleAction.Warn)]
    [InlineData("qos-class-unknown", RuleAction.Deny)]
    [InlineData("qos-class-forbidden", RuleAction.Deny)]
    [InlineData("topology-spread", RuleAction.On)]
    [InlineData("qos-class", RuleAction.On)]
    public void Find_SpecDefaults(string id, RuleAction expected) => RuleCatalog.Find(id)!.DefaultAction.ShouldBe(expected);

    [Fact]
    public void All_AgreesWithTheRulesEngine()
    {
        foreach (var rule in BuiltInRules.All)
        {
            var d = rule.Descriptor;
            var entry = RuleCatalog.Find(d.Id);
            entry.ShouldNotBeNull($"rule {d.Id} is missing from the catalogue");
            entry.DefaultAction.ShouldBe(d.DefaultAction, d.Id);
            var expectedKind = d.Phases switch
            {
                RulePhase.Mutate => RuleKind.Mutation,
                RulePhase.Validate => RuleKind.Validation,
                _ => RuleKind.ValidationAndMutation,
            };
            entry.Kind.ShouldBe(expectedKind, d.Id);
        }
    }

    [Fact]
    public void EffectiveActions_OverridesWinOverDefaults()
    {
        var config = new NetguardConfig { Rules = { ["netpol-allow-all"] = RuleAction.Deny, ["qos-class"] = RuleAction.Off } };

        var actions = RuleCatalog.EffectiveActions(config).ToDictionary();

        actions.Count.ShouldBe(16);
        actions["netpol-allow-all"].ShouldBe(RuleAction.Deny);
        actions["qos-class"].ShouldBe(RuleAction.Off);
        actions["control-plane-toleration"].ShouldBe(RuleAction.Deny);
    }
}
