using Netguard.Core.Reachability;

namespace Netguard.Core.Tests.Reachability;

public class ProbePortTests
{
    [Theory]
    [InlineData("80", 80, null, TransportProtocol.Tcp)]
    [InlineData("80/TCP", 80, null, TransportProtocol.Tcp)]
    [InlineData("53/UDP", 53, null, TransportProtocol.Udp)]
    [InlineData("53/udp", 53, null, TransportProtocol.Udp)]
    [InlineData("5000/SCTP", 5000, null, TransportProtocol.Sctp)]
    [InlineData("dns/UDP", null, "dns", TransportProtocol.Udp)]
    public void TryParse_Valid_ReadsNumberNameAndProtocol(string text, int? number, string? name, TransportProtocol protocol)
    {
        ProbePort.TryParse(text, out var port, out var error).ShouldBeTrue(error);
        port.Number.ShouldBe(number);
        port.Name.ShouldBe(name);
        port.Protocol.ShouldBe(protocol);
    }

    [Fact]
    public void TryParse_NameWithoutProtocol_LeavesProtocolToTheDestination()
    {
        ProbePort.TryParse("http", out var port, out _).ShouldBeTrue();
        port.Name.ShouldBe("http");
        port.Protocol.ShouldBeNull();
    }

    [Theory]
    [InlineData("80/ICMP", "unknown protocol \"ICMP\"")]
    [InlineData("0", "out of range")]
    [InlineData("65536", "out of range")]
    [InlineData("HTTP", "neither a port number nor a valid port name")]
    [InlineData("", "empty port")]
    public void TryParse_Invalid_SaysWhy(string text, string expected)
    {
        ProbePort.TryParse(text, out _, out var error).ShouldBeFalse();
        error.ShouldContain(expected);
    }
}
