using System.Globalization;
using Netguard.Core.Config;

namespace Netguard.Agent.Kernel;

/// <summary>The uplink rate and where it came from: --link-rate, else the device's speed in sysfs, else qos.linkRate (SPEC §6.1).</summary>
public sealed record LinkRate(long BitsPerSecond, string Source)
{
    public const string SysfsNet = "/sys/class/net";

    public static LinkRate Resolve(RateSpec? flag, string device, QosConfig config, string sysfsRoot = SysfsNet)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (flag is { BitsPerSecond: { } bits })
        {
            return new LinkRate(bits, "--link-rate");
        }

        if (ReadSpeedMbit(Path.Combine(sysfsRoot, device, "speed")) is { } mbit)
        {
            return new LinkRate(mbit * 1_000_000, $"{sysfsRoot}/{device}/speed");
        }

        return config.LinkRate.BitsPerSecond is { } configured
            ? new LinkRate(configured, "qos.linkRate")
            : throw new ArgumentException($"qos.linkRate must be an absolute rate such as 1gbit, not {config.LinkRate}");
    }

    /// <summary>sysfs speed is Mbit/s; virtual devices report -1 or fail the read with EINVAL.</summary>
    private static long? ReadSpeedMbit(string path)
    {
        try
        {
            var text = File.ReadAllText(path).Trim();
            return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var mbit) && mbit > 0 ? mbit : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
