using Netguard.Agent.Kernel;
using Netguard.Core.Config;
using Netguard.Core.Qos;

namespace Netguard.Agent.Tests.Kernel;

/// <summary>The diff without a kernel: states built from tc output text (the kernel tests check the same against real tc).</summary>
public class KernelDiffTests
{
    private static readonly QosConfig TwoClasses = new()
    {
        DefaultClass = "standard",
        Classes =
        [
            new QosClass { Name = "control-plane", Priority = 0, Rate = RateSpec.FromPercent(20) },
            new QosClass { Name = "standard", Priority = 4, Rate = RateSpec.FromPercent(30), Ceil = RateSpec.FromPercent(90) },
        ],
        ControlPlanePorts = [6443],
    };

    private static QosPlan Plan() => QosPlanner.Plan(new QosPlanInput(TwoClasses, [], "eth0", 200_000_000, KernelCapabilities.FifoOnly));

    private static KernelState State(string qdiscJson, string classText, NftTablePlan? table) =>
        new("eth0", TcQdiscJsonParser.Parse(qdiscJson, "eth0"), TcClassTextParser.Parse(classText), table);

    // What tc prints once the plan is applied: 40/200 Mbit (cp), 60/180 Mbit (standard), bfifo 250000/225000 B.
    private const string AppliedQdiscs = """[{"kind":"htb","handle":"6e67:","root":true,"options":{"r2q":10,"default":"0x20"}},{"kind":"bfifo","handle":"8001:","parent":"6e67:10","options":{"limit":250000}},{"kind":"bfifo","handle":"8002:","parent":"6e67:20","options":{"limit":225000}}]""";

    private const string AppliedClasses = """
        class htb 6e67:1 root rate 200Mbit ceil 200Mbit linklayer ethernet burst 1600b/1 mpu 0b cburst 1600b/1 mpu 0b level 7
        class htb 6e67:10 parent 6e67:1 leaf 8001: prio 0 quantum 200000 rate 40Mbit ceil 200Mbit linklayer ethernet burst 1600b/1 mpu 0b cburst 1600b/1 mpu 0b level 0
        class htb 6e67:20 parent 6e67:1 leaf 8002: prio 4 quantum 200000 rate 60Mbit ceil 180Mbit linklayer ethernet burst 1600b/1 mpu 0b cburst 1575b/1 mpu 0b level 0
        """;

    [Fact]
    public void Diff_KernelAsPlanned_IsEmpty()
    {
        var plan = Plan();

        KernelDiff.Diff(plan, State(AppliedQdiscs, AppliedClasses, plan.Nft), force: false).IsEmpty.ShouldBeTrue();
    }

    [Fact]
    public void Diff_KernelDefaultRoot_CreatesEverything()
    {
        var plan = Plan();

        var changes = KernelDiff.Diff(plan, State("""[{"kind":"mq","handle":"0:","root":true,"options":{}}]""", "", null), force: false);

        changes.TcCommands.ShouldBe(TcCommandWriter.CreateAll("eth0", plan.Htb));
        changes.TcCommands[0].ShouldBe("qdisc add dev eth0 root handle 6e67: htb default 20");
        changes.NftScript.ShouldBe(NftScriptWriter.Replace(plan.Nft));
    }

    [Fact]
    public void Diff_ForeignRoot_RefusedWithoutForce()
    {
        var state = State("""[{"kind":"prio","handle":"1:","root":true,"options":{}}]""", "", null);

        var refused = KernelDiff.Diff(Plan(), state, force: false);
        refused.Refusal.ShouldBe("device eth0 has a root qdisc that netguard does not own (prio 1:); refusing to replace it (use --force to take it over)");
        refused.TcCommands.ShouldBeEmpty();
        refused.NftScript.ShouldBeNull();

        var forced = KernelDiff.Diff(Plan(), state, force: true);
        forced.Refusal.ShouldBeNull();
        forced.TcCommands[0].ShouldBe("qdisc del dev eth0 root");
        forced.TcCommands[1].ShouldBe("qdisc add dev eth0 root handle 6e67: htb default 20");
    }

    [Fact]
    public void Diff_OtherDefaultClass_RebuildsBecauseHtbCannotChangeIt()
    {
        var plan = Plan();

        var changes = KernelDiff.Diff(plan, State(AppliedQdiscs.Replace("0x20", "0x10", StringComparison.Ordinal), AppliedClasses, plan.Nft), force: false);

        changes.TcCommands[0].ShouldBe("qdisc del dev eth0 root");
        changes.Reasons[0].ShouldBe("default class differs (kernel 0x10, plan 6e67:20)");
        changes.NftScript.ShouldBeNull();
    }

    [Fact]
    public void Diff_RateQuantumAndLeafDrift_ReplacesOnlyWhatDiffers()
    {
        var plan = Plan();
        var classes = AppliedClasses.Replace("prio 4 quantum 200000 rate 60Mbit", "prio 4 quantum 1514 rate 60Mbit", StringComparison.Ordinal);
        var qdiscs = AppliedQdiscs.Replace("\"limit\":250000", "\"limit\":1000", StringComparison.Ordinal);

        var changes = KernelDiff.Diff(plan, State(qdiscs, classes, plan.Nft), force: false);

        changes.TcCommands.ShouldBe(
        [
            "class replace dev eth0 parent 6e67:1 classid 6e67:20 htb rate 60mbit ceil 180mbit prio 4 quantum 200000",
            "qdisc replace dev eth0 parent 6e67:10 bfifo limit 250000",
        ]);
        changes.Reasons.ShouldBe(["class 6e67:20 (standard): quantum 1514, want 200000", "leaf qdisc of 6e67:10: limit 1000, want 250000"]);
    }

    [Fact]
    public void Diff_ExtraClassAndMissingLeafQdisc_DeletesAndGrafts()
    {
        var plan = Plan();
        var classes = AppliedClasses + "\nclass htb 6e67:99 parent 6e67:1 prio 3 quantum 1514 rate 1Mbit ceil 1Mbit burst 1600b/1 mpu 0b cburst 1600b/1 mpu 0b level 0\n";
        var qdiscs = AppliedQdiscs.Replace(""",{"kind":"bfifo","handle":"8002:","parent":"6e67:20","options":{"limit":225000}}""", "", StringComparison.Ordinal);

        var changes = KernelDiff.Diff(plan, State(qdiscs, classes, plan.Nft), force: false);

        changes.TcCommands.ShouldBe(["class del dev eth0 classid 6e67:99", "qdisc replace dev eth0 parent 6e67:20 bfifo limit 225000"]);
    }
}
