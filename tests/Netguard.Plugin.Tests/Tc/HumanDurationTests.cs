using Netguard.Plugin.Commands.Tc;

namespace Netguard.Plugin.Tests.Tc;

/// <summary>The cases of apimachinery's pkg/util/duration TestHumanDuration (kubectl's AGE column).</summary>
public sealed class HumanDurationTests
{
    [Theory]
    [InlineData(1, "1s")]
    [InlineData(70, "70s")]
    [InlineData(190, "3m10s")]
    [InlineData(70 * 60, "70m")]
    [InlineData(47 * 3600, "47h")]
    [InlineData(49 * 3600, "2d1h")]
    [InlineData(((8 * 24) + 2) * 3600, "8d")]
    [InlineData(367 * 24 * 3600, "367d")]
    [InlineData(((365 * 2 * 24) + 25) * 3600L, "2y1d")]
    [InlineData(((365 * 8 * 24) + 2) * 3600L, "8y")]
    [InlineData(-1, "0s")]
    [InlineData(-3, "<invalid>")]
    [InlineData(600, "10m")]
    [InlineData(3 * 3600, "3h")]
    [InlineData((3 * 3600) + (20 * 60), "3h20m")]
    public void Format_KubectlCases(long seconds, string expected) =>
        HumanDuration.Format(TimeSpan.FromSeconds(seconds)).ShouldBe(expected);
}
