using Netguard.Core.Config;

namespace Netguard.Core.Tests.Config;

public class RateSpecTests
{
    [Theory]
    [InlineData("200mbit", 200_000_000L)]
    [InlineData("1gbit", 1_000_000_000L)]
    [InlineData("1.5mbit", 1_500_000L)]
    [InlineData("500kbit", 500_000L)]
    [InlineData("1500000", 1_500_000L)]
    [InlineData("64bit", 64L)]
    [InlineData("10GBit", 10_000_000_000L)]
    public void Parse_AbsoluteRate_IsDecimalBitsPerSecond(string text, long expected)
    {
        // tc(8): kbit/mbit/gbit are SI (powers of 1000); a bare number is bits per second.
        var rate = RateSpec.Parse(text);

        rate.IsPercent.ShouldBeFalse();
        rate.BitsPerSecond.ShouldBe(expected);
    }

    [Fact]
    public void Resolve_Percent_IsShareOfLink()
    {
        RateSpec.Parse("20%").Resolve(1_000_000_000).ShouldBe(200_000_000);
        RateSpec.Parse("12.5%").Resolve(200_000_000).ShouldBe(25_000_000);
    }

    [Theory]
    [InlineData("")]
    [InlineData("fast")]
    [InlineData("10mb")]
    [InlineData("-5mbit")]
    [InlineData("101%")]
    [InlineData("0")]
    public void TryParse_Invalid_ReturnsFalseWithReason(string text)
    {
        RateSpec.TryParse(text, out _, out var error).ShouldBeFalse();
        error.ShouldNotBeNullOrWhiteSpace();
    }

    [Theory]
    [InlineData(1_000_000_000L, "1gbit")]
    [InlineData(200_000_000L, "200mbit")]
    [InlineData(1_500_000L, "1500kbit")]
    [InlineData(1_234L, "1234bit")]
    public void FormatBits_UsesLargestExactUnit(long bits, string expected) =>
        RateSpec.FormatBits(bits).ShouldBe(expected);
}
