using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Netguard.Agent.Tests.Netns;

/// <summary>iperf3 and sockperf, run inside the topology's namespaces.</summary>
internal static partial class TrafficTools
{
    /// <summary>Starts a long-running process in a namespace; the topology's Dispose kills it with the namespace.</summary>
    public static Process Start(string netns, string command)
    {
        var info = new ProcessStartInfo("bash", ["-c", $"exec ip netns exec {netns} {command}"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        return Process.Start(info)!;
    }

    public static void StartServers(NetnsTopology topo, params int[] iperfPorts)
    {
        foreach (var port in iperfPorts)
        {
            Start(topo.Peer, $"iperf3 -s -p {port}");
        }

        Start(topo.Peer, $"sockperf server --tcp -i {NetnsTopology.PeerAddress} -p 6443");
        // Wait until every server listens.
        for (var i = 0; i < 100; i++)
        {
            var listening = topo.Exec(topo.Peer, "ss -Htln");
            if (iperfPorts.All(p => listening.Contains($":{p} ", StringComparison.Ordinal)) && listening.Contains(":6443 ", StringComparison.Ordinal))
            {
                return;
            }

            Thread.Sleep(100);
        }

        throw new InvalidOperationException("iperf3/sockperf servers did not start");
    }

    /// <summary>CUBIC streams, as most distributions default to; BBR (this machine's default) keeps queues short by itself.</summary>
    public static Process StartBulk(string netns, int port, int streams, int seconds) =>
        Start(netns, $"iperf3 -c {NetnsTopology.PeerAddress} -p {port} -C cubic -P {streams} -t {seconds} -J");

    /// <summary>Received throughput in bits/s of a finished iperf3 -J run.</summary>
    public static double Throughput(Process iperf)
    {
        var json = iperf.StandardOutput.ReadToEnd();
        iperf.WaitForExit();
        using var doc = JsonDocument.Parse(json);
        if (doc.RootElement.TryGetProperty("error", out var error))
        {
            throw new InvalidOperationException("iperf3: " + error.GetString());
        }

        return doc.RootElement.GetProperty("end").GetProperty("sum_received").GetProperty("bits_per_second").GetDouble();
    }

    /// <summary>TCP request/response round trips to port 6443 for a while; p50 and p99 of the full RTT in microseconds.</summary>
    public static (double P50, double P99) PingPong(string netns, int seconds)
    {
        var output = Sh.Run($"ip netns exec {netns} sockperf ping-pong --tcp -i {NetnsTopology.PeerAddress} -p 6443 -t {seconds} --full-rtt --msg-size 64",
            timeout: TimeSpan.FromSeconds(seconds + 30));
        return (Percentile(output, "50.000"), Percentile(output, "99.000"));
    }

    private static double Percentile(string output, string which)
    {
        foreach (Match m in PercentileLine().Matches(output))
        {
            if (m.Groups[1].Value == which)
            {
                return double.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture);
            }
        }

        throw new InvalidOperationException($"no percentile {which} in sockperf output: {output}");
    }

    [GeneratedRegex(@"percentile ([0-9.]+) =\s+([0-9.]+)")]
    private static partial Regex PercentileLine();
}
