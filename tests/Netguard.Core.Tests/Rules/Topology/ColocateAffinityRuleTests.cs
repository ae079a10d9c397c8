using Netguard.Core.Config;
using Netguard.Core.Rules.Topology;

namespace Netguard.Core.Tests.Rules.Topology;

public class ColocateAffinityRuleTests
{
    private const string Term =
        """{"weight":100,"podAffinityTerm":{"labelSelector":{"matchLabels":{"app":"cache"}},"topologyKey":"kubernetes.io/hostname"}}""";

    private static readonly RuleHarness Harness = new(new ColocateAffinityRule()) { Config = Config() };

    private static NetguardConfig Config()
    {
        var config = new NetguardConfig();
        config.Topology.Colocate.Add(new ColocateRule
        {
            MatchLabels = new(StringComparer.Ordinal) { ["app"] = "web" },
            With = new ColocateTarget { Labels = new(StringComparer.Ordinal) { ["app"] = "cache" } },
            TopologyKey = "kubernetes.io/hostname",
            Weight = 100,
        });
        return config;
    }

    private static string Pod(string affinity = "", string app = "web") =>
        "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"p\",\"namespace\":\"shop\",\"labels\":{\"app\":\"" + app + "\"}},"
        + "\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"nginx\"}]" + affinity + "}}";

    [Fact]
    public void Evaluate_NoAffinity_CreatesAffinityWithTerm()
    {
        var result = Harness.Run("Pod", Pod());

        RuleHarness.Ops(result).ShouldBe([$"add /spec/affinity {{\"podAffinity\":{{\"preferredDuringSchedulingIgnoredDuringExecution\":[{Term}]}}}}"]);
        result.Findings.ShouldHaveSingleItem().Message.ShouldBe("added preferred podAffinity to app=cache on kubernetes.io/hostname (weight 100)");
    }

    [Fact]
    public void Evaluate_OnlyNodeAffinity_AddsPodAffinityBesideIt()
    {
        var result = Harness.Run("Pod", Pod(""","affinity":{"nodeAffinity":{"preferredDuringSchedulingIgnoredDuringExecution":[{"weight":1,"preference":{"matchExpressions":[{"key":"disk","operator":"In","values":["ssd"]}]}}]}}"""));

        RuleHarness.Ops(result).ShouldBe([$"add /spec/affinity/podAffinity {{\"preferredDuringSchedulingIgnoredDuringExecution\":[{Term}]}}"]);
        RuleHarness.At(result.MutatedObject, "/spec/affinity/nodeAffinity/preferredDuringSchedulingIgnoredDuringExecution/0/weight")!.GetValue<int>().ShouldBe(1);
    }

    [Fact]
    public void Evaluate_OnlyRequiredPodAffinity_AddsPreferredList()
    {
        var result = Harness.Run("Pod", Pod(""","affinity":{"podAffinity":{"requiredDuringSchedulingIgnoredDuringExecution":[{"labelSelector":{"matchLabels":{"app":"db"}},"topologyKey":"topology.kubernetes.io/zone"}]}}"""));

        RuleHarness.Ops(result).ShouldBe([$"add /spec/affinity/podAffinity/preferredDuringSchedulingIgnoredDuringExecution [{Term}]"]);
    }

    [Fact]
    public void Evaluate_OtherPreferredTerm_AppendsAfterIt()
    {
        var result = Harness.Run("Pod", Pod(""","affinity":{"podAffinity":{"preferredDuringSchedulingIgnoredDuringExecution":[{"weight":50,"podAffinityTerm":{"labelSelector":{"matchLabels":{"app":"db"}},"topologyKey":"kubernetes.io/hostname"}}]}}"""));

        RuleHarness.Ops(result).ShouldBe([$"add /spec/affinity/podAffinity/preferredDuringSchedulingIgnoredDuringExecution/- {Term}"]);
        RuleHarness.At(result.MutatedObject, "/spec/affinity/podAffinity/preferredDuringSchedulingIgnoredDuringExecution/0/weight")!.GetValue<int>().ShouldBe(50);
    }

    [Fact]
    public void Evaluate_IdenticalTermPresent_NoPatch()
    {
        Harness.Run("Pod", Pod($",\"affinity\":{{\"podAffinity\":{{\"preferredDuringSchedulingIgnoredDuringExecution\":[{Term}]}}}}")).Patch.ShouldBeEmpty();
    }

    [Fact]
    public void Evaluate_SameTermOtherWeight_Appended()
    {
        var other = Term.Replace("\"weight\":100", "\"weight\":10", StringComparison.Ordinal);

        Harness.Run("Pod", Pod($",\"affinity\":{{\"podAffinity\":{{\"preferredDuringSchedulingIgnoredDuringExecution\":[{other}]}}}}")).Patch.Count.ShouldBe(1);
    }

    [Fact]
    public void Evaluate_RunOnOwnOutput_EmptyPatch()
    {
        var first = Harness.Run("Pod", Pod());

        Harness.Rerun("Pod", first).Patch.ShouldBeEmpty();
    }

    [Fact]
    public void Evaluate_PodNotMatchingEntry_Untouched()
    {
        Harness.Run("Pod", Pod(app: "batch")).Findings.ShouldBeEmpty();
    }

    [Fact]
    public void Evaluate_DefaultConfigHasNoEntries_Untouched()
    {
        new RuleHarness(new ColocateAffinityRule()).Run("Pod", Pod()).Patch.ShouldBeEmpty();
    }
}
