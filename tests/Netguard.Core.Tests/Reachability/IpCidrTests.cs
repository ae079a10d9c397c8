using System.Net;
using Netguard.Core.Reachability;

namespace Netguard.Core.Tests.Reachability;

public class IpCidrTests
{
    [Theory]
    [InlineData("10.0.0.0/8", "10.255.255.255", true)]
    [InlineData("10.0.0.0/8", "11.0.0.0", false)]
    [InlineData("10.0.0.1/8", "10.1.2.3", true)]          // host bits are masked, as the API server's sloppy parser does
    [InlineData("0.0.0.0/0", "203.0.113.9", true)]
    [InlineData("0.0.0.0/0", "2001:db8::1", false)]       // families never mix
    [InlineData("192.168.1.7/32", "192.168.1.7", true)]
    [InlineData("192.168.1.7/32", "192.168.1.8", false)]
    [InlineData("2001:db8::/32", "2001:db8:ffff::1", true)]
    [InlineData("2001:db8::/32", "2001:db9::1", false)]
    [InlineData("::/0", "fd00::1", true)]
    [InlineData("::/0", "10.0.0.1", false)]
    [InlineData("fd00::2:0/112", "fd00::2:ffff", true)]
    [InlineData("fd00::2:0/112", "fd00::3:0", false)]
    public void Contains_Address_FollowsPrefix(string cidr, string address, bool expected) =>
        IpCidr.Parse(cidr).Contains(IPAddress.Parse(address)).ShouldBe(expected);

    [Theory]
    [InlineData("10.0.0.0")]          // no prefix
    [InlineData("10.0.0/8")]          // three octets
    [InlineData("10.0.0.0/33")]
    [InlineData("10.0.0.0/-1")]
    [InlineData("10.0.0.0/")]
    [InlineData("2001:db8::/129")]
    [InlineData("example.com/8")]
    [InlineData("")]
    public void TryParse_Invalid_ReturnsErrorNamingTheText(string text)
    {
        IpCidr.TryParse(text, out _, out var error).ShouldBeFalse();
        error.ShouldNotBeNullOrWhiteSpace();
    }

    [Theory]
    [InlineData("10.0.0.0/16", "10.0.2.0/24", true)]
    [InlineData("10.0.0.0/16", "10.0.0.0/16", false)]     // equal is not a strict subset
    [InlineData("10.0.0.0/16", "10.1.0.0/24", false)]
    [InlineData("10.0.0.0/16", "10.0.0.0/8", false)]
    [InlineData("fd00::/64", "fd00::/120", true)]
    [InlineData("10.0.0.0/8", "fd00::/120", false)]
    public void StrictlyContains_Block_OnlySmallerInside(string outer, string inner, bool expected) =>
        IpCidr.Parse(outer).StrictlyContains(IpCidr.Parse(inner)).ShouldBe(expected);

    [Theory]
    [InlineData("10.0.0.1/8", "10.0.0.0/8")]
    [InlineData("2001:db8::1/32", "2001:db8::/32")]
    public void ToString_MaskedNetwork(string text, string expected) =>
        IpCidr.Parse(text).ToString().ShouldBe(expected);
}
