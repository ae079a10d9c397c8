using Netguard.Core.Config;
using Netguard.Core.Qos;
using static Netguard.Core.Tests.Qos.QosTestPods;

namespace Netguard.Core.Tests.Qos;

/// <summary>The command text the agent hands to tc and nft, written out by hand from tc-htb(8) and nft(8).</summary>
public class PlanWritersTests
{
    private static QosPlan SmallPlan(KernelCapabilities caps) =>
        QosPlanner.Plan(new QosPlanInput(
            new QosConfig
            {
                DefaultClass = "standard",
                Classes =
                [
                    new QosClass { Name = "control-plane", Priority = 0, Rate = RateSpec.FromPercent(20), Ceil = RateSpec.FromPercent(100), Dscp = "CS6" },
                    new QosClass { Name = "standard", Priority = 4, Rate = RateSpec.FromPercent(30), Ceil = RateSpec.FromPercent(90) },
                ],
                ControlPlanePorts = [6443, 2379],
            },
            [Pod("a", "web", null, "10.244.0.12", "fd00::c"), Pod("kube-system", "dns", "control-plane", "10.244.0.3")],
            "eth0",
            200_000_000,
            caps));

    [Fact]
    public void CreateAll_FifoKernel_RootClassesThenLeafQdiscs()
    {
        var lines = TcCommandWriter.CreateAll("eth0", SmallPlan(KernelCapabilities.FifoOnly).Htb);

        // 200 Mbit/s link: parent quantum 25 MB/s / 10 -> 200000; cp 40 Mbit/s = 5 MB/s -> 500000 -> 200000;
        // standard 60 Mbit/s = 7.5 MB/s -> 200000. bfifo: ceil 200 Mbit/s * 10 ms = 250000 B, 180 Mbit/s -> 225000 B.
        lines.ShouldBe(
        [
            "qdisc add dev eth0 root handle 6e67: htb default 20",
            "class replace dev eth0 parent 6e67: classid 6e67:1 htb rate 200mbit ceil 200mbit quantum 200000",
            "class replace dev eth0 parent 6e67:1 classid 6e67:10 htb rate 40mbit ceil 200mbit prio 0 quantum 200000",
            "class replace dev eth0 parent 6e67:1 classid 6e67:20 htb rate 60mbit ceil 180mbit prio 4 quantum 200000",
            "qdisc replace dev eth0 parent 6e67:10 bfifo limit 250000",
            "qdisc replace dev eth0 parent 6e67:20 bfifo limit 225000",
        ]);
    }

    [Fact]
    public void CreateAll_FqCodelKernel_LeafWithoutOptions()
    {
        TcCommandWriter.CreateAll("eth0", SmallPlan(KernelCapabilities.All).Htb)[^1].ShouldBe("qdisc replace dev eth0 parent 6e67:20 fq_codel");
    }

    [Fact]
    public void Replace_WritesTheAtomicReplacementScript()
    {
        var script = NftScriptWriter.Replace(SmallPlan(KernelCapabilities.All).Nft);

        script.ShouldBe(
            """
            table inet netguard {}
            delete table inet netguard
            table inet netguard {
            	comment "managed by netguard-agent; edits are overwritten"
            	set pods_control_plane_v4 {
            		type ipv4_addr
            		elements = { 10.244.0.3 }
            	}
            	set pods_control_plane_v6 {
            		type ipv6_addr
            	}
            	set pods_standard_v4 {
            		type ipv4_addr
            		elements = { 10.244.0.12 }
            	}
            	set pods_standard_v6 {
            		type ipv6_addr
            		elements = { fd00::c }
            	}
            	set control_plane_ports {
            		type inet_service
            		elements = { 2379, 6443 }
            	}
            	chain postrouting {
            		type filter hook postrouting priority mangle; policy accept;
            		meta oifname != "eth0" accept
            		ip saddr @pods_control_plane_v4 meta priority set 6e67:10 ip dscp set cs6 accept
            		ip6 saddr @pods_control_plane_v6 meta priority set 6e67:10 ip6 dscp set cs6 accept
            		ip saddr @pods_standard_v4 meta priority set 6e67:20 accept
            		ip6 saddr @pods_standard_v6 meta priority set 6e67:20 accept
            		meta nfproto ipv4 tcp dport @control_plane_ports meta priority set 6e67:10 ip dscp set cs6 accept
            		meta nfproto ipv4 tcp sport @control_plane_ports meta priority set 6e67:10 ip dscp set cs6 accept
            		meta nfproto ipv6 tcp dport @control_plane_ports meta priority set 6e67:10 ip6 dscp set cs6 accept
            		meta nfproto ipv6 tcp sport @control_plane_ports meta priority set 6e67:10 ip6 dscp set cs6 accept
            	}
            }

            """.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Replace_ManyElements_WrapsFourPerLine()
    {
        var set = new NftSetPlan("s", "ipv4_addr", ["10.0.0.1", "10.0.0.2", "10.0.0.3", "10.0.0.4", "10.0.0.5"]);
        var script = NftScriptWriter.Replace(new NftTablePlan("inet", "netguard", [set], []));

        script.ShouldContain("elements = { 10.0.0.1, 10.0.0.2, 10.0.0.3, 10.0.0.4,\n\t\t\t     10.0.0.5 }");
    }

    [Fact]
    public void UpdateElements_DeletesFirstThenAdds_OneLinePerSet()
    {
        var table = new NftTablePlan("inet", "netguard", [], []);

        var script = NftScriptWriter.UpdateElements(table,
        [
            new NftSetDelta("pods_bulk_v4", [], ["10.0.0.9"]),
            new NftSetDelta("pods_standard_v4", ["10.0.0.9", "10.0.0.10"], []),
        ]);

        script.ShouldBe("delete element inet netguard pods_standard_v4 { 10.0.0.9, 10.0.0.10 }\nadd element inet netguard pods_bulk_v4 { 10.0.0.9 }\n");
    }

    [Fact]
    public void ElementDeltas_OnlyElementsDiffer_ListsThem_ElseNull()
    {
        var before = SmallPlan(KernelCapabilities.All).Nft;
        var sets = before.Sets.Select(s => s.Name == "pods_standard_v4" ? s with { Elements = ["10.244.0.12", "10.244.0.13"] } : s).ToList();
        var after = before with { Sets = sets };

        NftTableDiff.ElementDeltas(before, after).ShouldBe([new NftSetDelta("pods_standard_v4", [], ["10.244.0.13"])], ignoreOrder: false);
        NftTableDiff.ElementDeltas(before, before).ShouldBeEmpty();
        NftTableDiff.ElementDeltas(before, before with { Sets = before.Sets.Take(2).ToList() }).ShouldBeNull();
        NftTableDiff.ElementDeltas(before, before with { Chains = [] }).ShouldBeNull();
    }

    [Theory]
    [InlineData("6e67:", 0x6e67, 0)]
    [InlineData("6e67:10", 0x6e67, 0x10)]
    [InlineData("0x6e67:0x1", 0x6e67, 1)]
    [InlineData(":1", 0, 1)]
    [InlineData("8001", 0x8001, 0)]
    public void TcHandle_Parse_HexMajorMinor(string text, int major, int minor)
    {
        var handle = TcHandle.Parse(text);
        handle.Major.ShouldBe((ushort)major);
        handle.Minor.ShouldBe((ushort)minor);
    }

    [Theory]
    [InlineData("")]
    [InlineData("root")]
    [InlineData("1:2:3")]
    [InlineData("12345:")]
    public void TcHandle_TryParse_RejectsNonHandles(string text) => TcHandle.TryParse(text, out _).ShouldBeFalse();

    [Theory]
    [InlineData("CS6", 48)]
    [InlineData("ef", 46)]
    [InlineData("AF41", 34)]
    [InlineData("0", 0)]
    [InlineData("63", 63)]
    public void DscpCodePoint_TryParse_NamesAndNumbers(string text, int expected)
    {
        DscpCodePoint.TryParse(text, out var value).ShouldBeTrue();
        value.ShouldBe(expected);
    }

    [Theory]
    [InlineData("64")]
    [InlineData("-1")]
    [InlineData("cs8")]
    [InlineData("")]
    public void DscpCodePoint_TryParse_RejectsOthers(string text) => DscpCodePoint.TryParse(text, out _).ShouldBeFalse();
}
