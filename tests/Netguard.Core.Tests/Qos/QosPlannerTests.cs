using Netguard.Core.Config;
using Netguard.Core.Kube.Models;
using Netguard.Core.Qos;
using static Netguard.Core.Tests.Qos.QosTestPods;

namespace Netguard.Core.Tests.Qos;

/// <summary>
/// Expected values are worked out by hand: rates are % of the link (SPEC §4) in bits per second,
/// rounded down to whole bytes (the kernel keeps bytes/s); HTB quantum is rate[bytes/s] / r2q (10),
/// tc-htb(8), clamped to [MTU + 14, 200000] (the kernel warns above 200000, sch_htb.c).
/// </summary>
public class QosPlannerTests
{
    private const long Gbit = 1_000_000_000;

    private static QosPlan Plan(IReadOnlyList<Pod>? pods = null, QosConfig? config = null, long link = Gbit, KernelCapabilities? caps = null, string device = "eth0") =>
        QosPlanner.Plan(new QosPlanInput(config ?? new QosConfig(), pods ?? [], device, link, caps ?? KernelCapabilities.All));

    [Fact]
    public void Plan_DefaultConfigOn1Gbit_BuildsTheSpecTree()
    {
        var plan = Plan();
        var htb = plan.Htb;

        htb.RootHandle.ToString().ShouldBe("6e67:");
        htb.DefaultClass.ToString().ShouldBe("6e67:30"); // standard is the third class
        htb.Parent.ClassId.ToString().ShouldBe("6e67:1");
        htb.Parent.Parent.ToString().ShouldBe("6e67:");
        htb.Parent.RateBitsPerSecond.ShouldBe(1_000_000_000);
        htb.Parent.CeilBitsPerSecond.ShouldBe(1_000_000_000);
        htb.Parent.Quantum.ShouldBe(200_000); // 125 MB/s / 10 = 12.5 MB, clamped

        htb.Leaves.Select(l => (l.Name, l.ClassId.ToString(), l.Parent.ToString(), l.RateBitsPerSecond, l.CeilBitsPerSecond, l.Priority))
            .ShouldBe(
            [
                ("control-plane", "6e67:10", "6e67:1", 200_000_000L, 1_000_000_000L, (int?)0),
                ("latency-sensitive", "6e67:20", "6e67:1", 200_000_000L, 1_000_000_000L, (int?)1),
                ("standard", "6e67:30", "6e67:1", 300_000_000L, 1_000_000_000L, (int?)4),
                ("bulk", "6e67:40", "6e67:1", 100_000_000L, 900_000_000L, (int?)7),
            ]);
        // 200 Mbit/s = 25 MB/s; / 10 = 2.5 MB > 200000.
        htb.Leaves.ShouldAllBe(l => l.Quantum == 200_000);
        plan.Warnings.ShouldBeEmpty();
    }

    [Fact]
    public void Plan_SlowLink_QuantumIsRateOverR2qWithinBounds()
    {
        // 10 Mbit/s link: control-plane 20% = 2 Mbit/s = 250000 B/s -> 25000; bulk 10% = 1 Mbit/s -> 12500.
        var plan = Plan(link: 10_000_000);
        plan.Htb.Leaves.Select(l => l.Quantum).ShouldBe([25_000, 25_000, 37_500, 12_500]);
        plan.Htb.Parent.Quantum.ShouldBe(125_000);

        // 1 Mbit/s link: bulk 100 kbit/s = 12500 B/s -> 1250, below one 1500-byte frame + 14-byte header.
        var slow = Plan(link: 1_000_000);
        slow.Htb.Leaves.Select(l => l.Quantum).ShouldBe([2_500, 2_500, 3_750, 1_514]);
    }

    [Fact]
    public void Plan_LinkNotAWholeNumberOfBytes_RatesRoundDownToBytes()
    {
        // 333333333 bit/s -> 41666666 B/s -> 333333328 bit/s; 20% of that = 66666665.6 -> 66666666 -> 66666664.
        var plan = Plan(link: 333_333_333);
        plan.LinkBitsPerSecond.ShouldBe(333_333_328);
        plan.Htb.Leaves[0].RateBitsPerSecond.ShouldBe(66_666_664);
        plan.Htb.Leaves.ShouldAllBe(l => l.RateBitsPerSecond % 8 == 0 && l.CeilBitsPerSecond % 8 == 0);
    }

    [Fact]
    public void Plan_AbsoluteRates_AreUsedAsIsAndClampedToTheLink()
    {
        var config = new QosConfig
        {
            DefaultClass = "a",
            Classes =
            [
                new QosClass { Name = "a", Priority = 2, Rate = RateSpec.Parse("30mbit"), Ceil = RateSpec.Parse("80mbit") },
                new QosClass { Name = "b", Priority = 3, Rate = RateSpec.Parse("50mbit"), Ceil = RateSpec.Parse("2gbit") },
            ],
            ControlPlanePorts = [],
        };

        var plan = Plan(config: config, link: 100_000_000);

        plan.Htb.Leaves[0].RateBitsPerSecond.ShouldBe(30_000_000);
        plan.Htb.Leaves[0].CeilBitsPerSecond.ShouldBe(80_000_000);
        plan.Htb.Leaves[1].CeilBitsPerSecond.ShouldBe(100_000_000);
        plan.Warnings.ShouldHaveSingleItem().ShouldContain("class b: ceil 2gbit exceeds the link rate 100mbit");
    }

    [Fact]
    public void Plan_GuaranteedRatesAboveTheLink_Warns()
    {
        var config = new QosConfig
        {
            DefaultClass = "a",
            Classes =
            [
                new QosClass { Name = "a", Priority = 0, Rate = RateSpec.Parse("60mbit") },
                new QosClass { Name = "b", Priority = 1, Rate = RateSpec.Parse("60mbit") },
            ],
        };

        Plan(config: config, link: 100_000_000).Warnings.ShouldContain(w => w.Contains("add up to 120mbit", StringComparison.Ordinal));
    }

    [Fact]
    public void Plan_ZeroPercentRate_BecomesTheSmallestRateTcAccepts()
    {
        // tc refuses "rate 0bit" ("rate" is required); one byte per second is the smallest it keeps.
        var config = new QosConfig
        {
            DefaultClass = "scavenger",
            Classes = [new QosClass { Name = "scavenger", Priority = 7, Rate = RateSpec.FromPercent(0), Ceil = RateSpec.FromPercent(50) }],
        };

        Plan(config: config).Htb.Leaves[0].RateBitsPerSecond.ShouldBe(8);
    }

    [Theory]
    [InlineData(new[] { "fq_codel", "fq", "sfq", "bfifo", "pfifo" }, "fq_codel")]
    [InlineData(new[] { "fq", "sfq", "bfifo", "pfifo" }, "fq")]
    [InlineData(new[] { "sfq", "bfifo", "pfifo" }, "sfq")]
    [InlineData(new[] { "bfifo", "pfifo" }, "bfifo")]
    [InlineData(new string[0], "bfifo")]
    public void Plan_LeafQdisc_BestAvailableInPreferenceOrder(string[] available, string expected)
    {
        var plan = Plan(caps: new KernelCapabilities(new HashSet<string>(available)));
        plan.LeafQdisc.ShouldBe(expected);
        plan.Htb.Leaves.ShouldAllBe(l => l.LeafQdisc!.Kind == expected);
        plan.Htb.Parent.LeafQdisc.ShouldBeNull();
    }

    [Fact]
    public void Plan_FifoFallback_LimitIsTenMillisecondsAtCeilInBytes()
    {
        // ceil 1 Gbit/s = 125000000 B/s, 10 ms -> 1250000 B; bulk ceil 900 Mbit/s -> 1125000 B.
        var plan = Plan(caps: KernelCapabilities.FifoOnly);
        plan.Htb.Leaves.Select(l => l.LeafQdisc!.ToTcArguments())
            .ShouldBe(["bfifo limit 1250000", "bfifo limit 1250000", "bfifo limit 1250000", "bfifo limit 1125000"]);

        // 10 Mbit/s: 12500 B in 10 ms is less than two 64 KiB GSO packets (131072 B).
        Plan(caps: KernelCapabilities.FifoOnly, link: 10_000_000).Htb.Leaves[0].LeafQdisc!.ToTcArguments().ShouldBe("bfifo limit 131072");
    }

    [Fact]
    public void Plan_UnannotatedPods_GetTheClassTheirAssignmentGives()
    {
        // The webhook's namespaceSelector excludes kube-system, so its pods reach the node unstamped.
        // SPEC §4 default assignments: kube-system + system-*-critical → control-plane;
        // label netguard.io/workload=batch → bulk; anything else → defaultClass (standard).
        var apiserver = Pod("kube-system", "kube-apiserver-cp-1", null, "10.244.0.5");
        apiserver.Spec = new PodSpec { PriorityClassName = "system-node-critical" };
        var plainSystem = Pod("kube-system", "debug", null, "10.244.0.6");
        var batch = Pod("etl", "nightly", null, "10.244.0.7");
        batch.Metadata.Labels = new() { ["netguard.io/workload"] = "batch" };

        var plan = Plan([apiserver, plainSystem, batch]);

        plan.Pods.Select(p => ($"{p.Namespace}/{p.Name}", p.Class, p.Source)).ShouldBe(
        [
            ("etl/nightly", "bulk", QosClassSource.Assignment),
            ("kube-system/debug", "standard", QosClassSource.Default),
            ("kube-system/kube-apiserver-cp-1", "control-plane", QosClassSource.Assignment),
        ]);
        Set(plan, "pods_control_plane_v4").ShouldBe(["10.244.0.5"]);
    }

    [Fact]
    public void Plan_Pods_GoToTheirAnnotatedClassOrTheDefault()
    {
        var pods = new[]
        {
            Pod("batch", "crunch", "bulk", "10.244.1.7", "fd00:10:244:1::7"),
            Pod("web", "frontend", null, "10.244.1.9"),
            Pod("web", "typo", "gold", "10.244.1.10"),
            Pod("kube-system", "coredns", "control-plane", "10.244.1.2"),
        };

        var plan = Plan(pods);

        plan.Pods.Select(p => ($"{p.Namespace}/{p.Name}", p.Class, p.Source)).ShouldBe(
        [
            ("batch/crunch", "bulk", QosClassSource.Annotation),
            ("kube-system/coredns", "control-plane", QosClassSource.Annotation),
            ("web/frontend", "standard", QosClassSource.Default),
            ("web/typo", "standard", QosClassSource.UnknownClass),
        ]);
        plan.Warnings.ShouldHaveSingleItem().ShouldBe("pod web/typo: unknown class \"gold\"; using standard");
        Set(plan, "pods_bulk_v4").ShouldBe(["10.244.1.7"]);
        Set(plan, "pods_bulk_v6").ShouldBe(["fd00:10:244:1::7"]);
        Set(plan, "pods_standard_v4").ShouldBe(["10.244.1.9", "10.244.1.10"]); // numeric order, not text order
        Set(plan, "pods_control_plane_v4").ShouldBe(["10.244.1.2"]);
        Set(plan, "pods_latency_sensitive_v4").ShouldBeEmpty();
        plan.Classes.Select(c => c.PodCount).ShouldBe([1, 0, 2, 1]);
    }

    [Fact]
    public void Plan_PodsWithoutAddressesHostNetworkOrFinished_AreLeftOut()
    {
        var pending = Pod("a", "pending", "bulk");
        var host = Pod("kube-system", "etcd", "control-plane", "192.0.2.10");
        host.Spec!.HostNetwork = true; // node address: node traffic is matched by port instead
        var done = Pod("a", "job", "bulk", "10.244.1.20");
        done.Status!.Phase = "Succeeded"; // its address is free and may belong to a new pod already
        var failed = Pod("a", "crashed", "bulk", "10.244.1.21");
        failed.Status!.Phase = "Failed";

        var plan = Plan([pending, host, done, failed]);

        plan.Pods.ShouldBeEmpty();
        plan.Nft.Sets.Where(s => s.Name.StartsWith("pods_", StringComparison.Ordinal)).ShouldAllBe(s => s.Elements.Count == 0);
    }

    [Fact]
    public void Plan_PodIpOnlyInStatusPodIP_IsUsed()
    {
        var pod = Pod("a", "old", "bulk");
        pod.Status!.PodIP = "10.244.3.3";

        Set(Plan([pod]), "pods_bulk_v4").ShouldBe(["10.244.3.3"]);
    }

    [Fact]
    public void Plan_Ipv6_CanonicalisedAndSorted()
    {
        var pods = new[]
        {
            Pod("a", "x", "bulk", "FD00:0:0:0:0:0:0:20"),
            Pod("a", "y", "bulk", "fd00::3"),
            Pod("a", "z", "bulk", "2001:db8::1"),
        };

        // RFC 5952 spelling (lower case, longest zero run compressed) and numeric order, as nft prints them.
        Set(Plan(pods), "pods_bulk_v6").ShouldBe(["2001:db8::1", "fd00::3", "fd00::20"]);
    }

    [Fact]
    public void Plan_AddressHeldByTwoPods_FirstInNameOrderKeepsItAndAWarningNamesBoth()
    {
        var pods = new[] { Pod("b", "new", "bulk", "10.244.1.5"), Pod("a", "old", "control-plane", "10.244.1.5") };

        var plan = Plan(pods);

        Set(plan, "pods_control_plane_v4").ShouldBe(["10.244.1.5"]);
        Set(plan, "pods_bulk_v4").ShouldBeEmpty();
        plan.Warnings.ShouldContain("pod b/new: address 10.244.1.5 is also held by a/old; keeping it in a/old's class");
    }

    [Fact]
    public void Plan_InvalidPodAddress_IsSkippedWithAWarning()
    {
        var plan = Plan([Pod("a", "x", "bulk", "10.244.1.300", "10.244.1.3")]);

        Set(plan, "pods_bulk_v4").ShouldBe(["10.244.1.3"]);
        plan.Warnings.ShouldContain("pod a/x: ignoring invalid address \"10.244.1.300\"");
    }

    [Fact]
    public void Plan_Rules_PodSetsInClassOrderThenControlPlanePortsBothWays()
    {
        var rules = Plan(device: "ens5").Nft.Chains.ShouldHaveSingleItem().Rules.Select(r => r.ToNft()).ToList();

        rules.ShouldBe(
        [
            "meta oifname != \"ens5\" accept",
            "ip saddr @pods_control_plane_v4 meta priority set 6e67:10 ip dscp set cs6 accept",
            "ip6 saddr @pods_control_plane_v6 meta priority set 6e67:10 ip6 dscp set cs6 accept",
            "ip saddr @pods_latency_sensitive_v4 meta priority set 6e67:20 accept",
            "ip6 saddr @pods_latency_sensitive_v6 meta priority set 6e67:20 accept",
            "ip saddr @pods_standard_v4 meta priority set 6e67:30 accept",
            "ip6 saddr @pods_standard_v6 meta priority set 6e67:30 accept",
            "ip saddr @pods_bulk_v4 meta priority set 6e67:40 accept",
            "ip6 saddr @pods_bulk_v6 meta priority set 6e67:40 accept",
            "meta nfproto ipv4 tcp dport @control_plane_ports meta priority set 6e67:10 ip dscp set cs6 accept",
            "meta nfproto ipv4 tcp sport @control_plane_ports meta priority set 6e67:10 ip dscp set cs6 accept",
            "meta nfproto ipv6 tcp dport @control_plane_ports meta priority set 6e67:10 ip6 dscp set cs6 accept",
            "meta nfproto ipv6 tcp sport @control_plane_ports meta priority set 6e67:10 ip6 dscp set cs6 accept",
        ]);
    }

    [Fact]
    public void Plan_Ports_SortedDistinctAndWithoutDscpOneRulePerDirection()
    {
        var config = new QosConfig { ControlPlanePorts = [10250, 6443, 2379, 6443] };
        config.Classes[0].Dscp = null;

        var plan = Plan(config: config);

        Set(plan, "control_plane_ports").ShouldBe(["2379", "6443", "10250"]);
        plan.Nft.Chains[0].Rules.Skip(9).Select(r => r.ToNft()).ShouldBe(
        [
            "tcp dport @control_plane_ports meta priority set 6e67:10 accept",
            "tcp sport @control_plane_ports meta priority set 6e67:10 accept",
        ]);
    }

    [Fact]
    public void Plan_NoControlPlanePorts_NoPortSetOrRules()
    {
        var plan = Plan(config: new QosConfig { ControlPlanePorts = [] });

        plan.Nft.Sets.ShouldNotContain(s => s.Name == "control_plane_ports");
        plan.Nft.Chains[0].Rules.Count.ShouldBe(9);
    }

    [Fact]
    public void Plan_NoClassNamedControlPlane_PortsGoToTheHighestPriorityClass()
    {
        var config = new QosConfig
        {
            DefaultClass = "silver",
            Classes =
            [
                new QosClass { Name = "silver", Priority = 3, Rate = RateSpec.FromPercent(50) },
                new QosClass { Name = "gold", Priority = 1, Rate = RateSpec.FromPercent(30), Dscp = "AF41" },
                new QosClass { Name = "platinum", Priority = 1, Rate = RateSpec.FromPercent(10), Dscp = "46" },
            ],
            ControlPlanePorts = [6443],
        };

        var plan = Plan(config: config);

        // gold: first class with the lowest prio; AF41 = 0x22 = 34; 46 = EF.
        plan.Nft.Chains[0].Rules[^1].ToNft().ShouldBe("meta nfproto ipv6 tcp sport @control_plane_ports meta priority set 6e67:20 ip6 dscp set af41 accept");
        plan.Classes.Select(c => c.Dscp).ShouldBe([null, 34, 46]);
        plan.Nft.Chains[0].Rules[5].ToNft().ShouldBe("ip saddr @pods_platinum_v4 meta priority set 6e67:30 ip dscp set ef accept");
    }

    [Fact]
    public void Plan_Chain_IsPostroutingAtManglePriority()
    {
        var chain = Plan().Nft.Chains.ShouldHaveSingleItem();

        (chain.Name, chain.Type, chain.Hook, chain.Priority, chain.Policy).ShouldBe(("postrouting", "filter", "postrouting", -150, "accept"));
    }

    [Fact]
    public void Plan_SameInputInAnyOrder_SamePlan()
    {
        var pods = Enumerable.Range(1, 40)
            .Select(i => Pod($"ns{i % 3}", $"p{i}", (i % 4) switch { 0 => "bulk", 1 => null, 2 => "latency-sensitive", _ => "control-plane" }, $"10.244.{i / 10}.{i}", $"fd00::{i:x}"))
            .ToList();
        var baseline = Plan(pods);
        var random = new Random(7);

        for (var round = 0; round < 10; round++)
        {
            var shuffled = pods.OrderBy(_ => random.Next()).ToList();
            var plan = Plan(shuffled);
            plan.Pods.ShouldBe(baseline.Pods);
            plan.Nft.ShouldBe(baseline.Nft);
            plan.Htb.ShouldBe(baseline.Htb);
        }
    }

    [Fact]
    public void Plan_ManyClasses_ClassIdsStepBySixteenInHex()
    {
        var config = new QosConfig
        {
            DefaultClass = "c0",
            Classes = Enumerable.Range(0, 20).Select(i => new QosClass { Name = $"c{i}", Priority = i % 8, Rate = RateSpec.FromPercent(1) }).ToList(),
        };

        var ids = Plan(config: config).Htb.Leaves.Select(l => l.ClassId.ToString()).ToList();

        ids[0].ShouldBe("6e67:10");
        ids[14].ShouldBe("6e67:f0");
        ids[15].ShouldBe("6e67:100");
        ids[19].ShouldBe("6e67:140");
    }

    [Theory]
    [InlineData("missing", "qos.defaultClass \"missing\" is not a configured class")]
    [InlineData("dup", "qos class \"standard\" is defined twice")]
    [InlineData("prio", "qos class standard: priority 9 is outside 0-7")]
    [InlineData("dscp", "qos class standard: dscp \"CS9\" is neither 0-63 nor a DSCP name")]
    [InlineData("name", "qos class name \"Standard_1\" is not a DNS label")]
    [InlineData("empty", "qos.classes is empty")]
    [InlineData("port", "qos.controlPlanePorts: 70000 is not a TCP port")]
    public void Plan_BadConfig_OneLineError(string problem, string message)
    {
        var config = new QosConfig();
        var standard = config.Classes[2];
        switch (problem)
        {
            case "missing": config.DefaultClass = "missing"; break;
            case "dup": config.Classes.Add(new QosClass { Name = "standard", Priority = 2 }); break;
            case "prio": standard.Priority = 9; break;
            case "dscp": standard.Dscp = "CS9"; break;
            case "name": standard.Name = "Standard_1"; config.DefaultClass = "Standard_1"; break;
            case "empty": config.Classes.Clear(); break;
            case "port": config.ControlPlanePorts.Add(70000); break;
        }

        Should.Throw<QosPlanException>(() => Plan(config: config)).Message.ShouldBe(message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("eth 0")]
    [InlineData("a/b")]
    [InlineData("averyveryverylongname")]
    public void Plan_BadDeviceName_Throws(string device) =>
        Should.Throw<QosPlanException>(() => Plan(device: device)).Message.ShouldContain("is not a network device name");

    private static IReadOnlyList<string> Set(QosPlan plan, string name) => plan.Nft.Sets.Single(s => s.Name == name).Elements;
}
