using Netguard.Agent.Kernel;
using Netguard.Core.Config;
using Netguard.Testing;

namespace Netguard.Agent.Tests.Kernel;

/// <summary>SPEC §6.1: --link-rate, else the device's sysfs speed (Mbit/s), else qos.linkRate.</summary>
public sealed class LinkRateTests : IDisposable
{
    private readonly TestDirectory _sysfs = new("netguard-sysfs");

    public void Dispose() => _sysfs.Dispose();

    [Fact]
    public void Resolve_Flag_Wins()
    {
        _sysfs.Write("eth0/speed", "10000\n");

        LinkRate.Resolve(RateSpec.Parse("2500mbit"), "eth0", new QosConfig(), _sysfs.Path).ShouldBe(new LinkRate(2_500_000_000, "--link-rate"));
    }

    [Fact]
    public void Resolve_SysfsSpeedInMbit()
    {
        _sysfs.Write("eth0/speed", "25000\n");

        LinkRate.Resolve(null, "eth0", new QosConfig(), _sysfs.Path).BitsPerSecond.ShouldBe(25_000_000_000);
    }

    [Theory]
    [InlineData("-1\n")] // virtual devices and links that are down
    [InlineData("")]
    public void Resolve_NoUsableSpeed_ConfigLinkRate(string speed)
    {
        _sysfs.Write("veth0/speed", speed);

        LinkRate.Resolve(null, "veth0", new QosConfig { LinkRate = RateSpec.Parse("10gbit") }, _sysfs.Path)
            .ShouldBe(new LinkRate(10_000_000_000, "qos.linkRate"));
        LinkRate.Resolve(null, "missing0", new QosConfig(), _sysfs.Path).BitsPerSecond.ShouldBe(1_000_000_000);
    }
}
