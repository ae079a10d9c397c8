using Netguard.Agent.Kernel;
using Netguard.Testing;

namespace Netguard.Agent.Tests.Kernel;

/// <summary>A device exists when sysfs has its directory; without sysfs nobody can tell.</summary>
public sealed class NetDeviceTests : IDisposable
{
    private readonly TestDirectory _sysfs = new("netguard-sysfs");

    public void Dispose() => _sysfs.Dispose();

    [Fact]
    public void Exists_DeviceDirectory_True()
    {
        _sysfs.Write("eth0/speed", "1000\n");

        NetDevice.Exists("eth0", _sysfs.Path).ShouldBeTrue();
    }

    [Fact]
    public void Exists_NoDeviceDirectory_False()
    {
        _sysfs.Write("eth0/speed", "1000\n");

        NetDevice.Exists("eth1", _sysfs.Path).ShouldBeFalse();
    }

    [Fact]
    public void Exists_NoSysfs_True()
    {
        NetDevice.Exists("eth0", Path.Combine(_sysfs.Path, "not-mounted")).ShouldBeTrue();
    }
}
