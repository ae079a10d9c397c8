using System.Globalization;
using Netguard.Core.Qos;

namespace Netguard.Agent.Kernel;

/// <summary>
/// Finds which leaf qdiscs the kernel can create, by creating each under an HTB class on a throw-away
/// veth pair (only CAP_NET_ADMIN needed; deleted again at once), and checks that nft runs.
/// Modules load on demand, so "can create" is the only honest test; a name in a list proves nothing.
/// </summary>
public sealed class CapabilityProbe(IProcessRunner runner)
{
    public async Task<ProbeResult> ProbeAsync(CancellationToken cancellationToken)
    {
        var nft = await runner.RunAsync(KernelTools.Nft, ["--version"], null, cancellationToken);
        var nftVersion = nft.Succeeded ? nft.StandardOutput.Trim() : throw new KernelToolException($"nft --version: {nft.FirstErrorLine}");

        var device = "ngprobe" + (Environment.ProcessId % 100000).ToString(CultureInfo.InvariantCulture);
        string[] addArgs = ["link", "add", device, "type", "veth", "peer", "name", device + "p"];
        var add = await runner.RunAsync(KernelTools.Ip, addArgs, null, cancellationToken);
        if (!add.Succeeded && add.StandardError.Contains("File exists", StringComparison.Ordinal))
        {
            // Left over by a probe that was killed; in a container the PID (and so the name) repeats.
            await runner.RunAsync(KernelTools.Ip, ["link", "del", device], null, cancellationToken);
            add = await runner.RunAsync(KernelTools.Ip, addArgs, null, cancellationToken);
        }

        if (!add.Succeeded)
        {
            return new ProbeResult(KernelCapabilities.FifoOnly, nftVersion, $"cannot create a probe device ({add.FirstErrorLine}); assuming only the built-in FIFOs");
        }

        try
        {
            var candidates = LeafQdiscChooser.Preference;
            var lines = new List<string> { $"qdisc add dev {device} root handle 1: htb" };
            for (var i = 0; i < candidates.Count; i++)
            {
                lines.Add($"class add dev {device} parent 1: classid 1:{i + 1} htb rate 1mbit quantum 1514");
            }

            var firstQdiscLine = lines.Count + 1;
            for (var i = 0; i < candidates.Count; i++)
            {
                lines.Add($"qdisc add dev {device} parent 1:{i + 1} {candidates[i]}");
            }

            // -force: keep going after a failed line; tc reports each as "Command failed -:N".
            var batch = await runner.RunAsync(KernelTools.Tc, ["-force", "-batch", "-"], string.Join('\n', lines) + "\n", cancellationToken);
            var failed = FailedLines(batch.StandardError);
            if (failed.Contains(1) || failed.Contains(2))
            {
                throw new KernelToolException($"the kernel cannot create an HTB qdisc: {batch.FirstErrorLine}");
            }

            var available = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < candidates.Count; i++)
            {
                if (!failed.Contains(firstQdiscLine + i))
                {
                    available.Add(candidates[i]);
                }
            }

            return new ProbeResult(new KernelCapabilities(available), nftVersion, null);
        }
        finally
        {
            await runner.RunAsync(KernelTools.Ip, ["link", "del", device], null, CancellationToken.None);
        }
    }

    private static HashSet<int> FailedLines(string stderr)
    {
        const string marker = "Command failed -:";
        var result = new HashSet<int>();
        foreach (var line in stderr.Split('\n'))
        {
            var at = line.IndexOf(marker, StringComparison.Ordinal);
            if (at >= 0 && int.TryParse(line.AsSpan(at + marker.Length).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            {
                result.Add(n);
            }
        }

        return result;
    }
}
