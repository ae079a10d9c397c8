using Netguard.Core.Admission;
using Netguard.Core.Config;
using Netguard.Core.Rules;

namespace Netguard.Core.Tests.Rules;

public class BuiltInRulesTests
{
    // SPEC §5 tables: id → default action (mutations are "on").
    public static TheoryData<string, RuleAction> SpecDefaults => new()
    {
        { "control-plane-toleration", RuleAction.Deny },
        { "control-plane-pinning", RuleAction.Deny },
        { "control-plane-taint", RuleAction.Deny },
        { "topology-spread", RuleAction.On },
        { "colocate-affinity", RuleAction.On },
        { "service-topology", RuleAction.On },
        { "netpol-allow-all", RuleAction.Warn },
        { "netpol-world-cidr", RuleAction.Warn },
        { "netpol-blocks-dns", RuleAction.Deny },
        { "netpol-selects-nothing", RuleAction.Warn },
        { "netpol-implicit-types", RuleAction.Warn },
        { "netpol-unknown-port", RuleAction.Warn },
        { "namespace-default-deny", RuleAction.Warn },
        { "qos-class", RuleAction.On },
        { "qos-class-unknown", RuleAction.Deny },
        { "qos-class-forbidden", RuleAction.Deny },
    };

    [Theory]
    [MemberData(nameof(SpecDefaults))]
    public void All_RuleOfSpec_RegisteredWithSpecDefault(string id, RuleAction action)
    {
        var rule = BuiltInRules.All.SingleOrDefault(r => r.Descriptor.Id == id);

        rule.ShouldNotBeNull();
        rule.Descriptor.DefaultAction.ShouldBe(action);
    }

    [Fact]
    public void All_Ids_UniqueAndFromSpec()
    {
        var specIds = typeof(RuleIds).GetFields().Select(f => (string)f.GetValue(null)!).ToHashSet();

        BuiltInRules.All.Select(r => r.Descriptor.Id).ShouldBeUnique();
        BuiltInRules.All.ShouldAllBe(r => specIds.Contains(r.Descriptor.Id));
        Should.NotThrow(BuiltInRules.CreateEngine);
    }

    [Fact]
    public void All_OnlyNamespaceDefaultDenyIsAuditOnlyAmongMine()
    {
        BuiltInRules.All.Where(r => r.Descriptor.AuditOnly).Select(r => r.Descriptor.Id)
            .Where(id => id != RuleIds.NetpolSelectsNothing)
            .ShouldBe([RuleIds.NamespaceDefaultDeny]);
    }

    [Fact]
    public void All_MutationRules_ComeWithMutatePhase()
    {
        foreach (var id in new[] { "topology-spread", "colocate-affinity", "service-topology", "qos-class", "control-plane-taint" })
        {
            BuiltInRules.All.Single(r => r.Descriptor.Id == id).Descriptor.Phases.HasFlag(RulePhase.Mutate).ShouldBeTrue(id);
        }
    }

    [Fact]
    public void All_AgreesWithConfigRuleCatalog()
    {
        // The config validator knows the rules without loading the engine; the two lists must not drift.
        BuiltInRules.All.Select(r => r.Descriptor.Id).Order(StringComparer.Ordinal)
            .ShouldBe(RuleCatalog.All.Select(e => e.Id).Order(StringComparer.Ordinal));
        BuiltInRules.All.ShouldAllBe(r => RuleCatalog.Find(r.Descriptor.Id)!.DefaultAction == r.Descriptor.DefaultAction);
    }
}
