using Netguard.Agent.Kernel;
using Netguard.Agent.Reconcile;
using Netguard.Agent.Tests.Netns;
using Netguard.Core.Config;
using Netguard.Core.Kube.Models;
using Netguard.Core.Qos;

namespace Netguard.Agent.Tests;

/// <summary>
/// The reconciler against real tc and nft in a network namespace topology. The kernel state is read
/// back independently with tc/nft text output and compared with values worked out from the config
/// by hand (SPEC §4 default classes on a 200 Mbit/s uplink).
/// </summary>
[Collection(KernelTestGroup.Name)]
public sealed class KernelReconcileTests : IDisposable
{
    private const long Link = 200_000_000;
    private readonly List<IDisposable> _cleanup = [];

    public void Dispose()
    {
        foreach (var d in _cleanup)
        {
            d.Dispose();
        }
    }

    private (NetnsTopology Topo, NetnsProcessRunner Runner, Reconciler Reconciler) Setup(int pods = 3)
    {
        var topo = NetnsTopology.Create(pods);
        _cleanup.Add(topo);
        var runner = new NetnsProcessRunner(topo.Node);
        return (topo, runner, new Reconciler(runner, TimeProvider.System));
    }

    private static QosPlan Plan(NetnsTopology topo, IReadOnlyList<Pod> pods, QosConfig? config = null, KernelCapabilities? caps = null) =>
        QosPlanner.Plan(new QosPlanInput(config ?? new QosConfig(), pods, NetnsTopology.Uplink, Link, caps ?? KernelCapabilities.FifoOnly));

    [KernelFact]
    public async Task Reconcile_FreshDevice_ProgramsExactlyThePlannedTreeAndTable()
    {
        var (topo, runner, reconciler) = Setup();
        var plan = Plan(topo, topo.PodObjects("bulk", null, "control-plane"));

        var outcome = await reconciler.ReconcileAsync(plan, force: false, CancellationToken.None);

        outcome.WriteLaunches.ShouldBe(2);
        runner.WriterErrors.ShouldAllBe(e => e.Length == 0); // no "quantum of class is big" or any other warning

        var qdiscs = TcQdiscJsonParser.Parse(topo.InNode($"tc -j qdisc show dev {NetnsTopology.Uplink}"));
        var root = qdiscs.Single(q => q.IsRoot);
        (root.Kind, root.Handle.ToString(), root.Options["default"]).ShouldBe(("htb", "6e67:", "0x30"));
        // bfifo limit = ceil in bytes/s * 10 ms: 200 Mbit/s -> 250000 B; bulk ceil 90% = 180 Mbit/s -> 225000 B.
        qdiscs.Where(q => !q.IsRoot).Select(q => (q.Parent.ToString(), q.Kind, q.Options["limit"])).OrderBy(x => x.Item1).ShouldBe(
        [
            ("6e67:10", "bfifo", "250000"), ("6e67:20", "bfifo", "250000"), ("6e67:30", "bfifo", "250000"), ("6e67:40", "bfifo", "225000"),
        ]);

        // tc -d class show, read as text. 20% of 200 Mbit/s = 40 Mbit/s = 5 MB/s -> quantum 500000 -> 200000;
        // bulk 10% = 20 Mbit/s = 2.5 MB/s -> 250000 -> 200000.
        var classes = topo.InNode($"tc -d class show dev {NetnsTopology.Uplink}");
        classes.ShouldContain("class htb 6e67:1 root rate 200Mbit ceil 200Mbit");
        classes.ShouldMatch(@"class htb 6e67:10 parent 6e67:1 leaf [0-9a-f]+: prio 0 quantum 200000 rate 40Mbit ceil 200Mbit ");
        classes.ShouldMatch(@"class htb 6e67:20 parent 6e67:1 leaf [0-9a-f]+: prio 1 quantum 200000 rate 40Mbit ceil 200Mbit ");
        classes.ShouldMatch(@"class htb 6e67:30 parent 6e67:1 leaf [0-9a-f]+: prio 4 quantum 200000 rate 60Mbit ceil 200Mbit ");
        classes.ShouldMatch(@"class htb 6e67:40 parent 6e67:1 leaf [0-9a-f]+: prio 7 quantum 200000 rate 20Mbit ceil 180Mbit ");
        classes.Split('\n').Count(l => l.StartsWith("class ", StringComparison.Ordinal)).ShouldBe(5);

        var table = Flat(topo.InNode("nft list table inet netguard"));
        table.ShouldContain("set pods_bulk_v4 { type ipv4_addr elements = { 198.18.1.2 } }");
        table.ShouldContain("set pods_bulk_v6 { type ipv6_addr elements = { fd6e:6767:1::2 } }");
        table.ShouldContain("set pods_standard_v4 { type ipv4_addr elements = { 198.18.2.2 } }");
        table.ShouldContain("set pods_control_plane_v4 { type ipv4_addr elements = { 198.18.3.2 } }");
        table.ShouldContain("set pods_latency_sensitive_v4 { type ipv4_addr }");
        table.ShouldContain("set control_plane_ports { type inet_service elements = { 2379, 2380, 6443, 10250, 10257, 10259 } }");
        table.ShouldContain("type filter hook postrouting priority mangle; policy accept;");
        table.ShouldContain("oifname != \"ngup0\" accept");
        table.ShouldContain("ip saddr @pods_control_plane_v4 meta priority set 6e67:10 ip dscp set cs6 accept");
        table.ShouldContain("ip6 saddr @pods_control_plane_v6 meta priority set 6e67:10 ip6 dscp set cs6 accept");
        table.ShouldContain("ip saddr @pods_bulk_v4 meta priority set 6e67:40 accept");
        table.ShouldContain("meta nfproto ipv4 tcp dport @control_plane_ports meta priority set 6e67:10 ip dscp set cs6 accept");
        table.ShouldContain("meta nfproto ipv4 tcp sport @control_plane_ports meta priority set 6e67:10 ip dscp set cs6 accept");
        table.ShouldContain("meta nfproto ipv6 tcp sport @control_plane_ports meta priority set 6e67:10 ip6 dscp set cs6 accept");

        (await reconciler.VerifyAsync(plan, CancellationToken.None)).IsEmpty.ShouldBeTrue();
    }

    [KernelFact]
    public async Task Reconcile_SecondTimeWithTheSamePlan_LaunchesNoWriterAndChangesNothing()
    {
        var (topo, runner, reconciler) = Setup();
        var plan = Plan(topo, topo.PodObjects("bulk", null, "latency-sensitive"));
        await reconciler.ReconcileAsync(plan, false, CancellationToken.None);
        var before = KernelSnapshot(topo);
        runner.Reset();

        var outcome = await reconciler.ReconcileAsync(plan, false, CancellationToken.None);

        outcome.Changes.IsEmpty.ShouldBeTrue(string.Join("; ", outcome.Changes.Reasons));
        outcome.WriteLaunches.ShouldBe(0);
        runner.WriteLaunches.ShouldBeEmpty();
        runner.Launches.Count.ShouldBe(KernelStateReader.Launches);
        KernelSnapshot(topo).ShouldBe(before);
    }

    [KernelFact]
    public async Task Reconcile_PodRemoved_OnlyItsAddressGoesAndTheTreeStays()
    {
        var (topo, runner, reconciler) = Setup();
        var pods = topo.PodObjects("bulk", "bulk", "bulk");
        await reconciler.ReconcileAsync(Plan(topo, pods), false, CancellationToken.None);
        Flat(topo.InNode("nft list set inet netguard pods_bulk_v4")).ShouldContain("elements = { 198.18.1.2, 198.18.2.2, 198.18.3.2 }");
        var tree = topo.InNode($"tc -d class show dev {NetnsTopology.Uplink}");
        runner.Reset();

        var outcome = await reconciler.ReconcileAsync(Plan(topo, pods.Take(2).ToList()), false, CancellationToken.None);

        outcome.Changes.TcCommands.ShouldBeEmpty();
        outcome.Changes.NftScript.ShouldBe("delete element inet netguard pods_bulk_v4 { 198.18.3.2 }\ndelete element inet netguard pods_bulk_v6 { fd6e:6767:3::2 }\n");
        runner.WriteLaunches.ShouldBe(["nft -f -"]);
        Flat(topo.InNode("nft list set inet netguard pods_bulk_v4")).ShouldContain("elements = { 198.18.1.2, 198.18.2.2 }");
        Flat(topo.InNode("nft list set inet netguard pods_bulk_v6")).ShouldContain("elements = { fd6e:6767:1::2, fd6e:6767:2::2 }");
        topo.InNode($"tc -d class show dev {NetnsTopology.Uplink}").ShouldBe(tree);
    }

    [KernelFact]
    public async Task Reconcile_PodChangesClass_AddressMovesInOneTransactionWithoutReplacingTheTable()
    {
        var (topo, runner, reconciler) = Setup(pods: 2);
        await reconciler.ReconcileAsync(Plan(topo, topo.PodObjects("bulk", "bulk")), false, CancellationToken.None);
        var tableHandle = TableHandle(topo);
        runner.Reset();

        var plan = Plan(topo, topo.PodObjects("bulk", "control-plane"));
        var outcome = await reconciler.ReconcileAsync(plan, false, CancellationToken.None);

        runner.WriteLaunches.ShouldBe(["nft -f -"]);
        outcome.Changes.NftScript.ShouldBe(
            "delete element inet netguard pods_bulk_v4 { 198.18.2.2 }\n" +
            "delete element inet netguard pods_bulk_v6 { fd6e:6767:2::2 }\n" +
            "add element inet netguard pods_control_plane_v4 { 198.18.2.2 }\n" +
            "add element inet netguard pods_control_plane_v6 { fd6e:6767:2::2 }\n");
        TableHandle(topo).ShouldBe(tableHandle); // the same table object: only its elements changed
        Flat(topo.InNode("nft list set inet netguard pods_control_plane_v4")).ShouldContain("elements = { 198.18.2.2 }");
        Flat(topo.InNode("nft list set inet netguard pods_bulk_v4")).ShouldContain("elements = { 198.18.1.2 }");
        (await reconciler.VerifyAsync(plan, CancellationToken.None)).IsEmpty.ShouldBeTrue();
    }

    [KernelFact]
    public async Task Reconcile_ForeignRootQdisc_RefusedUnlessForced()
    {
        var (topo, runner, reconciler) = Setup(pods: 1);
        topo.InNode($"tc qdisc add dev {NetnsTopology.Uplink} root handle 1: tbf rate 100mbit burst 32k latency 50ms");
        var plan = Plan(topo, topo.PodObjects("bulk"));

        var refused = await reconciler.ReconcileAsync(plan, force: false, CancellationToken.None);

        refused.Refused.ShouldBeTrue();
        refused.Changes.Refusal.ShouldBe("device ngup0 has a root qdisc that netguard does not own (tbf 1:); refusing to replace it (use --force to take it over)");
        runner.WriteLaunches.ShouldBeEmpty();
        topo.InNode($"tc qdisc show dev {NetnsTopology.Uplink}").ShouldStartWith("qdisc tbf 1: root");
        Sh.TryRun($"ip netns exec {topo.Node} nft list table inet netguard").ExitCode.ShouldNotBe(0);

        var forced = await reconciler.ReconcileAsync(plan, force: true, CancellationToken.None);

        forced.Changes.TcCommands[0].ShouldBe("qdisc del dev ngup0 root");
        topo.InNode($"tc qdisc show dev {NetnsTopology.Uplink}").ShouldStartWith("qdisc htb 6e67: root");
        (await reconciler.VerifyAsync(plan, CancellationToken.None)).IsEmpty.ShouldBeTrue();
    }

    [KernelFact]
    public async Task Cleanup_AfterReconcile_LeavesNoTrace()
    {
        var (topo, runner, reconciler) = Setup(pods: 2);
        var pristineQdisc = topo.InNode($"tc qdisc show dev {NetnsTopology.Uplink}");
        var pristineRuleset = topo.InNode("nft list ruleset");
        await reconciler.ReconcileAsync(Plan(topo, topo.PodObjects("bulk", null)), false, CancellationToken.None);

        var removed = await new AgentCleanup(runner).CleanupAsync(null, CancellationToken.None);

        removed.ShouldBe(["root qdisc 6e67: on ngup0", "nft table inet netguard"]);
        topo.InNode($"tc qdisc show dev {NetnsTopology.Uplink}").ShouldBe(pristineQdisc);
        topo.InNode($"tc class show dev {NetnsTopology.Uplink}").ShouldBeEmpty();
        topo.InNode("nft list ruleset").ShouldBe(pristineRuleset);

        // A second cleanup finds nothing to do.
        (await new AgentCleanup(runner).CleanupAsync(NetnsTopology.Uplink, CancellationToken.None)).ShouldBeEmpty();
    }

    [KernelFact]
    public async Task Cleanup_ForeignRootQdisc_IsLeftAlone()
    {
        var (topo, runner, _) = Setup(pods: 0);
        topo.InNode($"tc qdisc add dev {NetnsTopology.Uplink} root handle 1: tbf rate 100mbit burst 32k latency 50ms");

        (await new AgentCleanup(runner).CleanupAsync(NetnsTopology.Uplink, CancellationToken.None)).ShouldBeEmpty();

        topo.InNode($"tc qdisc show dev {NetnsTopology.Uplink}").ShouldStartWith("qdisc tbf 1: root");
    }

    [KernelFact]
    public async Task Reconcile_AfterABatchCutShortAtAnyLine_Converges()
    {
        var (topo, _, reconciler) = Setup(pods: 2);
        var plan = Plan(topo, topo.PodObjects("bulk", "control-plane"));
        var batch = TcCommandWriter.CreateAll(NetnsTopology.Uplink, plan.Htb);

        for (var applied = 1; applied < batch.Count; applied++)
        {
            // What a kill between two batch lines leaves behind (nft -f is one transaction: all or nothing).
            Sh.TryRun($"ip netns exec {topo.Node} tc qdisc del dev {NetnsTopology.Uplink} root");
            Sh.TryRun($"ip netns exec {topo.Node} nft delete table inet netguard");
            Sh.Run($"ip netns exec {topo.Node} tc -batch -", string.Join('\n', batch.Take(applied)) + "\n");

            var outcome = await reconciler.ReconcileAsync(plan, false, CancellationToken.None);

            outcome.Refused.ShouldBeFalse();
            (await reconciler.VerifyAsync(plan, CancellationToken.None)).IsEmpty.ShouldBeTrue($"after {applied} of {batch.Count} lines");
        }
    }

    [KernelFact]
    public async Task Reconcile_ClassCeilChanged_ReplacesOnlyThatClassAndItsLeaf()
    {
        var (topo, _, reconciler) = Setup(pods: 1);
        await reconciler.ReconcileAsync(Plan(topo, topo.PodObjects("bulk")), false, CancellationToken.None);
        var config = new QosConfig();
        config.Classes[3].Ceil = RateSpec.FromPercent(50);

        var outcome = await reconciler.ReconcileAsync(Plan(topo, topo.PodObjects("bulk"), config), false, CancellationToken.None);

        // 50% of 200 Mbit/s = 100 Mbit/s; bfifo 12.5 MB/s * 10 ms = 125000 B, below the 131072 B floor.
        outcome.Changes.TcCommands.ShouldBe(
        [
            "class replace dev ngup0 parent 6e67:1 classid 6e67:40 htb rate 20mbit ceil 100mbit prio 7 quantum 200000",
            "qdisc replace dev ngup0 parent 6e67:40 bfifo limit 131072",
        ]);
        outcome.Changes.NftScript.ShouldBeNull();
        topo.InNode($"tc class show dev {NetnsTopology.Uplink} classid 6e67:40").ShouldContain("rate 20Mbit ceil 100Mbit");
    }

    [KernelFact]
    public async Task Reconcile_DefaultClassChanged_RebuildsTheTree()
    {
        var (topo, _, reconciler) = Setup(pods: 1);
        await reconciler.ReconcileAsync(Plan(topo, topo.PodObjects("bulk")), false, CancellationToken.None);
        var plan = Plan(topo, topo.PodObjects("bulk"), new QosConfig { DefaultClass = "bulk" });

        var outcome = await reconciler.ReconcileAsync(plan, false, CancellationToken.None);

        outcome.Changes.TcCommands[0].ShouldBe("qdisc del dev ngup0 root");
        outcome.Changes.TcCommands[1].ShouldBe("qdisc add dev ngup0 root handle 6e67: htb default 40");
        TcQdiscJsonParser.Parse(topo.InNode($"tc -j qdisc show dev {NetnsTopology.Uplink}")).Single(q => q.IsRoot).Options["default"].ShouldBe("0x40");
        (await reconciler.VerifyAsync(plan, CancellationToken.None)).IsEmpty.ShouldBeTrue();
    }

    [KernelFact]
    public async Task Reconcile_DriftByHand_IsRepaired()
    {
        var (topo, _, reconciler) = Setup(pods: 2);
        var plan = Plan(topo, topo.PodObjects("bulk", "control-plane"));
        await reconciler.ReconcileAsync(plan, false, CancellationToken.None);
        topo.InNode($"tc class change dev {NetnsTopology.Uplink} parent 6e67:1 classid 6e67:20 htb rate 1mbit ceil 2mbit prio 3 quantum 1514");
        topo.InNode($"tc qdisc replace dev {NetnsTopology.Uplink} parent 6e67:30 pfifo limit 10");
        topo.InNode($"tc class add dev {NetnsTopology.Uplink} parent 6e67:1 classid 6e67:99 htb rate 1mbit quantum 1514");
        topo.InNode("nft add element inet netguard pods_control_plane_v4 { 198.18.200.200 }");
        topo.InNode("nft add rule inet netguard postrouting counter");

        var outcome = await reconciler.ReconcileAsync(plan, false, CancellationToken.None);

        outcome.Changes.TcCommands.ShouldBe(
        [
            "class del dev ngup0 classid 6e67:99",
            "class replace dev ngup0 parent 6e67:1 classid 6e67:20 htb rate 40mbit ceil 200mbit prio 1 quantum 200000",
            "qdisc replace dev ngup0 parent 6e67:30 bfifo limit 250000",
        ]);
        outcome.Changes.NftScript.ShouldNotBeNull();
        (await reconciler.VerifyAsync(plan, CancellationToken.None)).IsEmpty.ShouldBeTrue();
        topo.InNode("nft list set inet netguard pods_control_plane_v4").ShouldNotContain("198.18.200.200");
    }

    [KernelFact]
    public async Task Probe_ReportsExactlyTheLeafQdiscsThisKernelCanCreate()
    {
        var (topo, runner, _) = Setup(pods: 0);

        var probe = await new CapabilityProbe(runner).ProbeAsync(CancellationToken.None);

        probe.Note.ShouldBeNull();
        probe.NftVersion.ShouldStartWith("nftables v");
        probe.Capabilities.LeafQdiscs.ShouldContain("bfifo"); // built into every kernel with tc
        topo.InNode($"tc qdisc add dev {NetnsTopology.Uplink} root handle 1: htb");
        topo.InNode($"tc class add dev {NetnsTopology.Uplink} parent 1: classid 1:1 htb rate 1mbit quantum 1514");
        foreach (var kind in LeafQdiscChooser.Preference)
        {
            var works = Sh.TryRun($"ip netns exec {topo.Node} tc qdisc replace dev {NetnsTopology.Uplink} parent 1:1 {kind}").ExitCode == 0;
            probe.Capabilities.LeafQdiscs.Contains(kind).ShouldBe(works, kind);
        }

        topo.InNode("ip -o link show").ShouldNotContain("ngprobe"); // the probe device is gone again
    }

    [KernelFact]
    public async Task Probe_DeviceLeftByAKilledProbe_IsReplacedAndRemoved()
    {
        var (topo, runner, _) = Setup(pods: 0);
        var name = "ngprobe" + (Environment.ProcessId % 100000);
        topo.InNode($"ip link add {name} type veth peer name {name}p");

        var probe = await new CapabilityProbe(runner).ProbeAsync(CancellationToken.None);

        probe.Note.ShouldBeNull();
        probe.Capabilities.LeafQdiscs.ShouldContain("bfifo");
        topo.InNode("ip -o link show").ShouldNotContain("ngprobe");
    }

    private static string TableHandle(NetnsTopology topo) =>
        topo.InNode("nft -a list table inet netguard").Split('\n')[0]; // "table inet netguard { # handle N"

    /// <summary>nft wraps long element lists; compare with whitespace runs collapsed.</summary>
    private static string Flat(string text) => System.Text.RegularExpressions.Regex.Replace(text, @"\s+", " ");

    private static string KernelSnapshot(NetnsTopology topo) =>
        topo.InNode($"tc -d qdisc show dev {NetnsTopology.Uplink}") + topo.InNode($"tc -d class show dev {NetnsTopology.Uplink}") +
        topo.InNode("nft -a list table inet netguard");
}
