using System.Diagnostics;

namespace Netguard.Agent.Tests.Netns;

/// <summary>What this machine offers kernel tests: root, the Debian tools, network namespaces.</summary>
internal static class HostTools
{
    private static readonly Lazy<string?> NetnsProblem = new(ProbeNetns);

    public static bool IsRoot()
    {
        // /proc/self/status "Uid: real effective saved fs"
        try
        {
            var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("Uid:", StringComparison.Ordinal));
            return line is not null && line.Split('\t', ' ', StringSplitOptions.RemoveEmptyEntries)[2] == "0";
        }
        catch (IOException)
        {
            return false;
        }
    }

    public static bool Has(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "/usr/sbin:/usr/bin:/sbin:/bin").Split(':')
            .Append("/usr/sbin").Append("/sbin")
            .Any(dir => dir.Length > 0 && File.Exists(Path.Combine(dir, tool)));

    /// <summary>Null when kernel tests can run here, else the reason they cannot.</summary>
    public static string? KernelTestProblem(params string[] extraTools)
    {
        if (!OperatingSystem.IsLinux())
        {
            return "needs Linux";
        }

        if (!IsRoot())
        {
            return "needs root (network namespaces, tc, nft)";
        }

        var missing = new[] { "ip", "tc", "nft" }.Concat(extraTools).Where(t => !Has(t)).ToList();
        if (missing.Count > 0)
        {
            return "missing tools: " + string.Join(", ", missing) + " (apt-get install iproute2 nftables iperf3 sockperf)";
        }

        return NetnsProblem.Value;
    }

    private static string? ProbeNetns()
    {
        var name = "ngt-probe-" + Environment.ProcessId;
        var add = Sh.TryRun($"ip netns add {name}");
        if (add.ExitCode != 0)
        {
            return "cannot create network namespaces: " + add.Output.Trim();
        }

        var tc = Sh.TryRun($"ip netns exec {name} tc qdisc show");
        Sh.TryRun($"ip netns del {name}");
        return tc.ExitCode == 0 ? null : "cannot run tc in a network namespace: " + tc.Output.Trim();
    }
}
