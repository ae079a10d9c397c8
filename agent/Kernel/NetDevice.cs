namespace Netguard.Agent.Kernel;

/// <summary>Whether a network device exists in this network namespace, by its sysfs entry (where <see cref="LinkRate"/> reads its speed).</summary>
public static class NetDevice
{
    /// <summary>False only when sysfs is there and has no entry for the device; without sysfs (not Linux, not mounted) nobody can tell, so true.</summary>
    public static bool Exists(string device, string sysfsRoot = LinkRate.SysfsNet)
    {
        ArgumentException.ThrowIfNullOrEmpty(device);
        return !Directory.Exists(sysfsRoot) || Directory.Exists(Path.Combine(sysfsRoot, device));
    }
}
