using Netguard.Agent.Kernel;
using Netguard.Core.Qos;

namespace Netguard.Agent.Tests.Kernel;

/// <summary>Parsers over text that iproute2 6.1 printed on this machine (captured verbatim).</summary>
public class TcOutputParserTests
{
    private const string DetailedStats = """
        class htb 6e67:1 root rate 1Gbit ceil 1Gbit linklayer ethernet burst 1375b/1 mpu 0b cburst 1375b/1 mpu 0b level 7 
         Sent 588165376 bytes 708949 pkt (dropped 0, overlimits 71824 requeues 0) 
         backlog 0b 0p requeues 0
         lended: 0 borrowed: 0 giants: 0
         tokens: 187 ctokens: 187

        class htb 6e67:10 parent 6e67:1 leaf 8001: prio 0 quantum 1514 rate 333333Kbit ceil 1Gbit linklayer ethernet burst 1541b/1 mpu 0b cburst 1375b/1 mpu 0b level 0 
         Sent 204624328 bytes 455594 pkt (dropped 3, overlimits 2627 requeues 0) 
         backlog 15140b 10p requeues 0
         lended: 0 borrowed: 0 giants: 0
         tokens: 593 ctokens: 187

        class htb 6e67:30 parent 6e67:1 prio 7 quantum 15432 rate 1234Kbit ceil 99999Mbit linklayer ethernet burst 1599b/1 mpu 0b cburst 0b/1 mpu 0b level 0 
         Sent 0 bytes 0 pkt (dropped 0, overlimits 0 requeues 0) 
         backlog 0b 0p requeues 0
         lended: 0 borrowed: 0 giants: 0
         tokens: 162000 ctokens: 0

        """;

    [Fact]
    public void ClassText_DetailedWithStats_ReadsEveryField()
    {
        var classes = TcClassTextParser.Parse(DetailedStats);

        classes.Count.ShouldBe(3);
        var parent = classes[0];
        (parent.Kind, parent.ClassId.ToString(), parent.Parent.ToString(), parent.Rate, parent.Ceil, parent.Level, parent.Priority, parent.Quantum)
            .ShouldBe(("htb", "6e67:1", "6e67:", "1Gbit", "1Gbit", (int?)7, (int?)null, (int?)null));
        parent.Stats.ShouldBe(new TcClassStats(588165376, 708949, 0, 71824, 0, 0));

        var leaf = classes[1];
        (leaf.Parent.ToString(), leaf.Leaf.ToString(), leaf.Priority, leaf.Quantum, leaf.Rate, leaf.Ceil, leaf.Level)
            .ShouldBe(("6e67:1", "8001:", (int?)0, (int?)1514, "333333Kbit", "1Gbit", (int?)0));
        leaf.Stats.ShouldBe(new TcClassStats(204624328, 455594, 3, 2627, 15140, 10));

        classes[2].Leaf.ShouldBeNull(); // only the kernel's invisible default pfifo
        classes[2].Ceil.ShouldBe("99999Mbit");
    }

    [Fact]
    public void ClassText_PlainShow_NoStats()
    {
        var classes = TcClassTextParser.Parse("class htb 6e67:20 parent 6e67:1 leaf 8002: prio 7 rate 200Mbit ceil 900Mbit burst 1600b cburst 1462b \n");

        classes.ShouldHaveSingleItem().Stats.ShouldBeNull();
        classes[0].Priority.ShouldBe(7);
        classes[0].Quantum.ShouldBeNull();
    }

    [Fact]
    public void ClassText_Empty_NoClasses() => TcClassTextParser.Parse("").ShouldBeEmpty();

    [Fact]
    public void QdiscJson_RootDefaultAndLeaves()
    {
        const string json = """[{"kind":"htb","handle":"6e67:","root":true,"refcnt":3,"options":{"r2q":10,"default":"0x30","direct_packets_stat":1,"direct_qlen":1000}},{"kind":"bfifo","handle":"8001:","parent":"6e67:10","options":{"limit":131072}},{"kind":"pfifo","handle":"8002:","parent":"6e67:20","options":{"limit":100}}]""";

        var qdiscs = TcQdiscJsonParser.Parse(json, "eth0");

        qdiscs.Count.ShouldBe(3);
        qdiscs[0].IsRoot.ShouldBeTrue();
        qdiscs[0].IsNetguard.ShouldBeTrue();
        qdiscs[0].Options["default"].ShouldBe("0x30");
        qdiscs[1].Parent.ShouldBe(TcHandle.Parse("6e67:10"));
        qdiscs[1].Options["limit"].ShouldBe("131072");
        qdiscs.ShouldAllBe(q => q.Device == "eth0");
    }

    [Fact]
    public void QdiscJson_KernelDefault_IsHandleZero()
    {
        var q = TcQdiscJsonParser.Parse("""[{"kind":"noqueue","handle":"0:","dev":"ng1","root":true,"refcnt":2,"options":{}}]""").Single();

        q.IsKernelDefault.ShouldBeTrue();
        q.IsNetguard.ShouldBeFalse();
        q.Device.ShouldBe("ng1");
    }

    [Fact]
    public void QdiscJson_NotJson_OneLineError() =>
        Should.Throw<KernelToolException>(() => TcQdiscJsonParser.Parse("qdisc noqueue 0: root")).Message.ShouldStartWith("tc -j qdisc show printed unreadable JSON");

    [Theory]
    // tc_util.c print_rate: bytes/s * 8, then /1000 while >= 1000 and (divisible or >= 10^6).
    [InlineData(200_000_000L, "200Mbit")]
    [InlineData(1_000_000_000L, "1Gbit")]
    [InlineData(333_333_333L, "333333Kbit")] // 41666666 B/s -> 333333328 bit/s -> 333333 (not divisible, < 10^6) Kbit
    [InlineData(1_234_567L, "1234Kbit")]     // 154320 B/s -> 1234560 -> 1234 Kbit
    [InlineData(99_999_999_999L, "99999Mbit")]
    [InlineData(8L, "8bit")]
    [InlineData(1_500_000L, "1500Kbit")]
    public void RateText_Format_LikeTc(long bits, string expected) => TcRateText.Format(bits).ShouldBe(expected);

    [Theory]
    [InlineData("200Mbit", 200_000_000L)]
    [InlineData("1234Kbit", 1_234_000L)]
    [InlineData("8bit", 8L)]
    [InlineData("2Gbit", 2_000_000_000L)]
    public void RateText_TryParse(string text, long expected)
    {
        TcRateText.TryParse(text, out var bits).ShouldBeTrue();
        bits.ShouldBe(expected);
    }

    [Fact]
    public void DefaultRoute_FirstDevice() =>
        DefaultRouteDevice.Parse("""[{"dst":"default","gateway":"10.0.0.1","dev":"ens5","protocol":"dhcp","prefsrc":"10.0.0.7","metric":100,"flags":[]}]""").ShouldBe("ens5");

    [Theory]
    [InlineData("[]")]
    [InlineData("")]
    [InlineData("not json")]
    public void DefaultRoute_None(string json) => DefaultRouteDevice.Parse(json).ShouldBeNull();
}
