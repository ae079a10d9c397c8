using System.Globalization;
using Netguard.Core.Config;

namespace Netguard.Core.Qos;

/// <summary>Lines for `tc -batch -` (tc(8) commands without the leading "tc"), one per change.</summary>
public static class TcCommandWriter
{
    /// <summary>Every command that builds the plan's tree on a device with the kernel's default root qdisc.</summary>
    public static IReadOnlyList<string> CreateAll(string device, HtbPlan htb)
    {
        ArgumentNullException.ThrowIfNull(htb);
        var lines = new List<string> { AddRoot(device, htb) };
        lines.AddRange(htb.Classes.Select(c => ReplaceClass(device, c)));
        lines.AddRange(htb.Leaves.Where(c => c.LeafQdisc is not null).Select(c => ReplaceLeafQdisc(device, c)));
        return lines;
    }

    /// <summary>HTB's default is a class minor in hex (tc-htb(8)), the same digits as in the classid.</summary>
    public static string AddRoot(string device, HtbPlan htb)
    {
        ArgumentNullException.ThrowIfNull(htb);
        return $"qdisc add dev {device} root handle {htb.RootHandle} htb default {htb.DefaultClass.Minor.ToString("x", CultureInfo.InvariantCulture)}";
    }

    public static string DeleteRoot(string device) => $"qdisc del dev {device} root";

    public static string ReplaceClass(string device, HtbClassPlan c)
    {
        ArgumentNullException.ThrowIfNull(c);
        var prio = c.Priority is { } p ? $" prio {p.ToString(CultureInfo.InvariantCulture)}" : "";
        return $"class replace dev {device} parent {c.Parent} classid {c.ClassId} htb rate {RateSpec.FormatBits(c.RateBitsPerSecond)} " +
               $"ceil {RateSpec.FormatBits(c.CeilBitsPerSecond)}{prio} quantum {c.Quantum.ToString(CultureInfo.InvariantCulture)}";
    }

    public static string DeleteClass(string device, TcHandle classId) => $"class del dev {device} classid {classId}";

    /// <summary>
    /// "replace" without a handle changes the leaf qdisc in place when the kind is the same and
    /// grafts a new one otherwise, so it is right whether or not a leaf qdisc exists yet.
    /// </summary>
    public static string ReplaceLeafQdisc(string device, HtbClassPlan c)
    {
        ArgumentNullException.ThrowIfNull(c);
        var leaf = c.LeafQdisc ?? throw new ArgumentException($"class {c.ClassId} has no leaf qdisc", nameof(c));
        return $"qdisc replace dev {device} parent {c.ClassId} {leaf.ToTcArguments()}";
    }
}
