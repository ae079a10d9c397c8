using Netguard.Core.Config;
using Netguard.Core.Rules.Topology;

namespace Netguard.Core.Tests.Rules.Topology;

public class TopologySpreadRuleTests
{
    private static readonly RuleHarness Harness = new(new TopologySpreadRule());

    private const string ZoneConstraintForWeb =
        """{"maxSkew":1,"topologyKey":"topology.kubernetes.io/zone","whenUnsatisfiable":"ScheduleAnyway","labelSelector":{"matchLabels":{"app.kubernetes.io/name":"web"}}}""";

    private static string Pod(string labels, string spec = "", string meta = "", string ns = "shop") =>
        "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"p\",\"namespace\":\"" + ns + "\",\"labels\":" + labels + meta + "},"
        + "\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"nginx\"}]" + spec + "}}";

    [Fact]
    public void Evaluate_PodWithoutConstraints_AddsListWithZoneConstraint()
    {
        var result = Harness.Run("Pod", Pod("""{"app.kubernetes.io/name":"web","tier":"frontend"}"""));

        RuleHarness.Ops(result).ShouldBe([$"add /spec/topologySpreadConstraints [{ZoneConstraintForWeb}]"]);
        result.Findings.ShouldHaveSingleItem().Message.ShouldBe("added topologySpreadConstraint on topology.kubernetes.io/zone for app.kubernetes.io/name=web");
    }

    [Fact]
    public void Evaluate_FirstSelectorKeyPresentWins()
    {
        var onlyApp = Harness.Run("Pod", Pod("""{"app":"shop"}"""));
        var both = Harness.Run("Pod", Pod("""{"app":"shop","app.kubernetes.io/name":"web"}"""));

        RuleHarness.At(onlyApp.MutatedObject, "/spec/topologySpreadConstraints/0/labelSelector")!.ToJsonString()
            .ShouldBe("""{"matchLabels":{"app":"shop"}}""");
        RuleHarness.At(both.MutatedObject, "/spec/topologySpreadConstraints/0/labelSelector")!.ToJsonString()
            .ShouldBe("""{"matchLabels":{"app.kubernetes.io/name":"web"}}""");
    }

    [Fact]
    public void Evaluate_NoSelectorLabelKey_NoMutation()
    {
        var result = Harness.Run("Pod", Pod("""{"tier":"frontend"}"""));

        result.Patch.ShouldBeEmpty();
        result.Findings.ShouldBeEmpty();
    }

    [Fact]
    public void Evaluate_ExistingConstraintOnSameKey_Untouched()
    {
        var existing = ""","topologySpreadConstraints":[{"maxSkew":3,"topologyKey":"topology.kubernetes.io/zone","whenUnsatisfiable":"DoNotSchedule","labelSelector":{"matchLabels":{"x":"y"}}}]""";

        Harness.Run("Pod", Pod("""{"app":"web"}""", existing)).Patch.ShouldBeEmpty();
    }

    [Fact]
    public void Evaluate_ExistingConstraintOnOtherKey_AppendsAfterIt()
    {
        var existing = ""","topologySpreadConstraints":[{"maxSkew":1,"topologyKey":"kubernetes.io/hostname","whenUnsatisfiable":"DoNotSchedule","labelSelector":{"matchLabels":{"app.kubernetes.io/name":"web"}}}]""";

        var result = Harness.Run("Pod", Pod("""{"app.kubernetes.io/name":"web"}""", existing));

        RuleHarness.Ops(result).ShouldBe([$"add /spec/topologySpreadConstraints/- {ZoneConstraintForWeb}"]);
        RuleHarness.At(result.MutatedObject, "/spec/topologySpreadConstraints/0/topologyKey")!.GetValue<string>().ShouldBe("kubernetes.io/hostname");
    }

    [Fact]
    public void Evaluate_ReplicaSetPod_AddsPodTemplateHashMatchLabelKeys()
    {
        var owner = ""","ownerReferences":[{"apiVersion":"apps/v1","kind":"ReplicaSet","name":"web-5d4f","uid":"1","controller":true}]""";

        var result = Harness.Run("Pod", Pod("""{"app":"web","pod-template-hash":"5d4f"}""", meta: owner));

        RuleHarness.At(result.MutatedObject, "/spec/topologySpreadConstraints/0/matchLabelKeys")!.ToJsonString().ShouldBe("""["pod-template-hash"]""");
    }

    [Fact]
    public void Evaluate_TwoEntries_SecondAppendsToListTheFirstCreated()
    {
        var config = new NetguardConfig();
        config.Topology.Spread.Add(new SpreadRule { TopologyKey = "kubernetes.io/hostname", WhenUnsatisfiable = "DoNotSchedule", MaxSkew = 2 });
        config.Topology.Spread.Add(new SpreadRule { TopologyKey = "topology.kubernetes.io/zone", MaxSkew = 5 });
        var harness = new RuleHarness(new TopologySpreadRule()) { Config = config };

        var result = harness.Run("Pod", Pod("""{"app.kubernetes.io/name":"web"}"""));

        RuleHarness.Ops(result).ShouldBe(
        [
            $"add /spec/topologySpreadConstraints [{ZoneConstraintForWeb}]",
            """add /spec/topologySpreadConstraints/- {"maxSkew":2,"topologyKey":"kubernetes.io/hostname","whenUnsatisfiable":"DoNotSchedule","labelSelector":{"matchLabels":{"app.kubernetes.io/name":"web"}}}""",
        ]);
        harness.Rerun("Pod", result).Patch.ShouldBeEmpty();
    }

    [Fact]
    public void Evaluate_EntryForOtherNamespaceOrLabels_Skipped()
    {
        var config = new NetguardConfig();
        config.Topology.Spread[0].Namespaces = ["prod"];
        config.Topology.Spread.Add(new SpreadRule { TopologyKey = "kubernetes.io/hostname", MatchLabels = new(StringComparer.Ordinal) { ["tier"] = "db" } });
        var harness = new RuleHarness(new TopologySpreadRule()) { Config = config };

        harness.Run("Pod", Pod("""{"app":"web","tier":"frontend"}""")).Patch.ShouldBeEmpty();
        harness.Run("Pod", Pod("""{"app":"web"}""", ns: "prod")).Patch.Count.ShouldBe(1);
        harness.Run("Pod", Pod("""{"app":"db","tier":"db"}""")).Patch.Count.ShouldBe(1);
    }

    [Fact]
    public void Evaluate_DaemonSetPodOrNodeNamePod_Skipped()
    {
        var owner = ""","ownerReferences":[{"apiVersion":"apps/v1","kind":"DaemonSet","name":"agent","uid":"1","controller":true}]""";

        Harness.Run("Pod", Pod("""{"app":"agent"}""", meta: owner)).Patch.ShouldBeEmpty();
        Harness.Run("Pod", Pod("""{"app":"web"}""", spec: ",\"nodeName\":\"worker-1\"")).Patch.ShouldBeEmpty();
    }

    [Fact]
    public void Evaluate_RunOnOwnOutput_EmptyPatch()
    {
        var first = Harness.Run("Pod", Pod("""{"app":"web"}"""));

        first.Patch.ShouldNotBeEmpty();
        Harness.Rerun("Pod", first).Patch.ShouldBeEmpty();
    }

    [Fact]
    public void Evaluate_MutationOff_NoPatch()
    {
        var harness = new RuleHarness(new TopologySpreadRule()) { Config = new NetguardConfig { Rules = { ["topology-spread"] = RuleAction.Off } } };

        harness.Run("Pod", Pod("""{"app":"web"}""")).Patch.ShouldBeEmpty();
    }
}
