using Netguard.Core.Audit;
using Netguard.Core.Config;
using Netguard.Core.JsonPatch;
using Netguard.Core.Tests.Rules;

namespace Netguard.Core.Tests.Audit;

public class TaintPatchTests
{
    private static readonly TaintConfig Taint = new();

    private static string[] Ops(IEnumerable<JsonPatchOperation> ops) => ops.Select(o => $"{o.Op} {o.Path} {o.Value?.ToJsonString()}".TrimEnd()).ToArray();

    [Fact]
    public void For_OtherTaints_AppendsAfterThemGuardedByResourceVersion()
    {
        const string json = """{"metadata":{"name":"cp-2","resourceVersion":"41"},"spec":{"taints":[{"key":"example.com/maintenance","value":"true","effect":"NoExecute"}]}}""";

        var ops = TaintPatch.For(RuleHarness.Node(json), Taint);

        Ops(ops).ShouldBe(
        [
            "test /metadata/resourceVersion \"41\"",
            "add /spec/taints/- {\"key\":\"node-role.kubernetes.io/control-plane\",\"effect\":\"NoSchedule\"}",
        ]);
        JsonPatchApplier.Apply(RuleHarness.Parse(json), ops)!["spec"]!["taints"]!.ToJsonString().ShouldBe(
            """[{"key":"example.com/maintenance","value":"true","effect":"NoExecute"},{"key":"node-role.kubernetes.io/control-plane","effect":"NoSchedule"}]""");
    }

    [Fact]
    public void For_NoTaints_CreatesTheList()
    {
        var ops = TaintPatch.For(RuleHarness.Node("""{"metadata":{"name":"cp","resourceVersion":"7"},"spec":{"podCIDR":"10.0.0.0/24"}}"""), Taint);

        Ops(ops)[1].ShouldBe("add /spec/taints [{\"key\":\"node-role.kubernetes.io/control-plane\",\"effect\":\"NoSchedule\"}]");
    }

    [Fact]
    public void For_NoSpec_CreatesSpec()
    {
        const string json = """{"metadata":{"name":"cp","resourceVersion":"7"}}""";

        var ops = TaintPatch.For(RuleHarness.Node(json), new TaintConfig { Key = "dedicated", Value = "control-plane", Effect = "NoSchedule" });

        JsonPatchApplier.Apply(RuleHarness.Parse(json), ops)!["spec"]!.ToJsonString()
            .ShouldBe("""{"taints":[{"key":"dedicated","value":"control-plane","effect":"NoSchedule"}]}""");
    }

    [Fact]
    public void For_NodeChangedSinceRead_PatchFailsInsteadOfOverwriting()
    {
        var read = RuleHarness.Node("""{"metadata":{"name":"cp","resourceVersion":"7"},"spec":{}}""");
        var now = RuleHarness.Parse("""{"metadata":{"name":"cp","resourceVersion":"8"},"spec":{"taints":[{"key":"other","effect":"NoSchedule"}]}}""");

        Should.Throw<JsonPatchException>(() => JsonPatchApplier.Apply(now, TaintPatch.For(read, Taint)));
    }

    [Fact]
    public void For_TaintPresent_NoOperations() =>
        TaintPatch.For(RuleHarness.Node("""{"metadata":{"name":"cp"},"spec":{"taints":[{"key":"node-role.kubernetes.io/control-plane","effect":"NoSchedule"}]}}"""), Taint)
            .ShouldBeEmpty();
}
