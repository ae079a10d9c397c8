using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Netguard.Agent.Kernel;
using Netguard.Agent.Reconcile;
using Netguard.Agent.Tests.Netns;
using Netguard.Core.Config;
using Netguard.Core.Qos;
using Netguard.Testing;
using Xunit.Abstractions;

namespace Netguard.Agent.Tests;

/// <summary>
/// The real netguard-agent binary run inside the node namespace (`ip netns exec NODE netguard-agent run …`):
/// --once, the long-running loop with a changing pods file, SIGTERM, and SIGKILL at random moments.
/// The kernel is read back independently; "changed nothing" is proven by kernel object handles, which
/// any replacement would renew.
/// </summary>
[Collection(KernelTestGroup.Name)]
public sealed class AgentBinaryTests(ITestOutputHelper output) : IDisposable
{
    private const string Flags = "--device ngup0 --link-rate 200mbit";
    private readonly TestDirectory _dir = new("netguard-agent");

    public void Dispose() => _dir.Dispose();

    [KernelFact]
    public async Task Once_ProgramsThePlanWritesStatusAndASecondRunChangesNothing()
    {
        using var topo = NetnsTopology.Create(pods: 2);
        var pods = _dir.Write("pods.yaml", PodsYaml.For(topo, "bulk", "control-plane"));
        var status = _dir.File("status.json");

        var first = Sh.TryRun($"ip netns exec {topo.Node} {AgentBinary.Command} run --once --pods-file {pods} --status-file {status} {Flags}");

        first.ExitCode.ShouldBe(0, first.Output);
        var plan = QosPlanner.Plan(new QosPlanInput(new QosConfig(), topo.PodObjects("bulk", "control-plane"), NetnsTopology.Uplink, 200_000_000,
            (await new CapabilityProbe(new NetnsProcessRunner(topo.Node)).ProbeAsync(CancellationToken.None)).Capabilities));
        (await new Reconciler(new NetnsProcessRunner(topo.Node), TimeProvider.System).VerifyAsync(plan, CancellationToken.None)).IsEmpty.ShouldBeTrue();

        using (var json = JsonDocument.Parse(File.ReadAllText(status)))
        {
            var root = json.RootElement;
            root.GetProperty("device").GetString().ShouldBe("ngup0");
            root.GetProperty("linkRate").GetString().ShouldBe("200mbit");
            root.GetProperty("pods").GetInt32().ShouldBe(2);
            root.GetProperty("error").ValueKind.ShouldBe(JsonValueKind.Null);
            root.GetProperty("lastReconcile").GetString()!.ShouldMatch(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$");
            var classes = root.GetProperty("classes").EnumerateArray().ToList();
            classes.Select(c => c.GetProperty("name").GetString()).ShouldBe(["control-plane", "latency-sensitive", "standard", "bulk"]);
            classes[0].GetProperty("classid").GetString().ShouldBe("6e67:10");
            classes[0].GetProperty("rate").GetString().ShouldBe("40mbit");
            classes[0].GetProperty("ceil").GetString().ShouldBe("200mbit");
            classes[0].GetProperty("priority").GetInt32().ShouldBe(0);
            classes[0].GetProperty("pods").GetInt32().ShouldBe(1);
            classes[3].GetProperty("pods").GetInt32().ShouldBe(1);
        }

        var before = Handles(topo);
        var second = Sh.TryRun($"ip netns exec {topo.Node} {AgentBinary.Command} run --once --pods-file {pods} {Flags}");

        second.ExitCode.ShouldBe(0, second.Output);
        Handles(topo).ShouldBe(before);
    }

    [KernelFact]
    public void Once_ForeignRootQdisc_ExitsOneWithOneLineUnlessForced()
    {
        using var topo = NetnsTopology.Create(pods: 1);
        var pods = _dir.Write("pods.yaml", PodsYaml.For(topo, "bulk"));
        var status = _dir.File("status.json");
        topo.InNode($"tc qdisc add dev {NetnsTopology.Uplink} root handle 1: tbf rate 100mbit burst 32k latency 50ms");

        var refused = Sh.TryRun($"ip netns exec {topo.Node} {AgentBinary.Command} run --once --pods-file {pods} --status-file {status} {Flags} 2>&1 >/dev/null");

        refused.ExitCode.ShouldBe(1);
        // stderr: the start-up log line, then the error as one line.
        refused.Output.Trim().Split('\n')[^1].ShouldBe("error: device ngup0 has a root qdisc that netguard does not own (tbf 1:); refusing to replace it (use --force to take it over)");
        JsonDocument.Parse(File.ReadAllText(status)).RootElement.GetProperty("error").GetString()!.ShouldContain("does not own (tbf 1:)");
        topo.InNode($"tc qdisc show dev {NetnsTopology.Uplink}").ShouldStartWith("qdisc tbf 1: root");

        var forced = Sh.TryRun($"ip netns exec {topo.Node} {AgentBinary.Command} run --once --force --pods-file {pods} {Flags}");

        forced.ExitCode.ShouldBe(0, forced.Output);
        topo.InNode($"tc qdisc show dev {NetnsTopology.Uplink}").ShouldStartWith("qdisc htb 6e67: root");
    }

    [KernelFact]
    public void Once_DeviceDoesNotExist_ExitsOneAndTheStatusFileSaysWhy()
    {
        using var topo = NetnsTopology.Create(pods: 1);
        var pods = _dir.Write("pods.yaml", PodsYaml.For(topo, "bulk"));
        var status = _dir.File("status.json");

        var run = Sh.TryRun($"ip netns exec {topo.Node} {AgentBinary.Command} run --once --pods-file {pods} --status-file {status} --device nosuch --link-rate 200mbit 2>&1 >/dev/null");

        run.ExitCode.ShouldBe(1);
        run.Output.Trim().Split('\n')[^1].ShouldBe("error: tc qdisc show dev nosuch: Cannot find device \"nosuch\"");
        using var json = JsonDocument.Parse(File.ReadAllText(status));
        json.RootElement.GetProperty("device").GetString().ShouldBe("nosuch");
        json.RootElement.GetProperty("pods").GetInt32().ShouldBe(1);
        json.RootElement.GetProperty("error").GetString().ShouldBe("tc qdisc show dev nosuch: Cannot find device \"nosuch\"");
    }

    [KernelFact]
    public void DryRun_WithoutLinkRate_WarnsOfADeviceMissingInTheAgentsNetworkNamespace()
    {
        using var topo = NetnsTopology.Create(pods: 1);
        var pods = _dir.Write("pods.yaml", PodsYaml.For(topo, "bulk"));

        // ngup0 exists only in the node namespace: sysfs there is the namespace's, not the host's.
        var present = Sh.TryRun($"ip netns exec {topo.Node} {AgentBinary.Command} run --dry-run --pods-file {pods} --device {NetnsTopology.Uplink}");
        var missing = Sh.TryRun($"ip netns exec {topo.Node} {AgentBinary.Command} run --dry-run --pods-file {pods} --device nosuch 2>&1 >/dev/null");

        present.ExitCode.ShouldBe(0, present.Output);
        present.Output.ShouldContain($"qdisc add dev {NetnsTopology.Uplink} root handle 6e67: htb default 30");
        missing.ExitCode.ShouldBe(0, missing.Output);
        missing.Output.Trim().Split('\n')[^1].ShouldBe(
            "warning: device nosuch does not exist here (no /sys/class/net/nosuch), so the plan uses qos.linkRate; give --link-rate to plan for another host's device");
    }

    [KernelFact]
    public void Run_PodsFileChanges_FollowsThemServesMetricsAndLeavesShapingOnSigterm()
    {
        using var topo = NetnsTopology.Create(pods: 3);
        var pods = _dir.Write("pods.yaml", PodsYaml.For(topo, "bulk", "bulk", "control-plane"));
        var status = _dir.File("status.json");
        using var agent = TrafficTools.Start(topo.Node,
            $"{AgentBinary.Command} run --pods-file {pods} --status-file {status} --metrics-listen 127.0.0.1:9469 {Flags}");
        var log = new StringBuilder();
        agent.ErrorDataReceived += (_, e) => { lock (log) { log.AppendLine(e.Data); } };
        agent.BeginErrorReadLine();

        WaitFor(() => BulkSet(topo).Contains("198.18.2.2", StringComparison.Ordinal), "the first reconcile", log);

        File.WriteAllText(pods, PodsYaml.For(topo, "bulk", null, "control-plane")); // pod2 loses its bulk annotation
        WaitFor(() => !BulkSet(topo).Contains("198.18.2.2", StringComparison.Ordinal), "pod2 to leave the bulk set", log);
        Flat(topo.InNode("nft list set inet netguard pods_standard_v4")).ShouldContain("elements = { 198.18.2.2 }");

        File.WriteAllText(pods, PodsYaml.For(topo, "bulk", null)); // pod3 is gone
        WaitFor(() => !Flat(topo.InNode("nft list set inet netguard pods_control_plane_v4")).Contains("198.18.3.2", StringComparison.Ordinal),
            "pod3's address to be removed", log);

        var metrics = topo.InNode("bash -c 'exec 3<>/dev/tcp/127.0.0.1/9469; printf \"GET /metrics HTTP/1.0\\r\\n\\r\\n\" >&3; cat <&3'");
        metrics.ShouldContain("HTTP/1.1 200 OK");
        metrics.ShouldContain("netguard_agent_pods{class=\"bulk\"} 1");
        metrics.ShouldContain("netguard_agent_pods{class=\"standard\"} 1");
        metrics.ShouldContain("netguard_agent_class_bytes_total{class=\"control-plane\",classid=\"6e67:10\"}");
        metrics.ShouldMatch(@"netguard_agent_reconciles_total\{result=""changed""\} [3-9]");
        var health = topo.InNode("bash -c 'exec 3<>/dev/tcp/127.0.0.1/9469; printf \"GET /healthz HTTP/1.0\\r\\n\\r\\n\" >&3; cat <&3'");
        health.ShouldContain("200 OK");

        Sh.Run($"kill -TERM {agent.Id}");
        agent.WaitForExit(15_000).ShouldBeTrue("the agent did not stop on SIGTERM");
        agent.ExitCode.ShouldBe(0, log.ToString());
        topo.InNode($"tc qdisc show dev {NetnsTopology.Uplink}").ShouldStartWith("qdisc htb 6e67: root");
        Flat(topo.InNode("nft list set inet netguard pods_bulk_v4")).ShouldContain("elements = { 198.18.1.2 }");
    }

    [KernelFact]
    public void Run_ConfigFileChanges_BadOneIsRejectedAndAGoodOneApplied()
    {
        using var topo = NetnsTopology.Create(pods: 1);
        var pods = _dir.Write("pods.yaml", PodsYaml.For(topo, "bulk"));
        var config = _dir.Write("config.yaml", "qos:\n  defaultClass: standard\n");
        var status = _dir.File("status.json");
        using var agent = TrafficTools.Start(topo.Node,
            $"{AgentBinary.Command} run --pods-file {pods} --config {config} --status-file {status} --metrics-listen 127.0.0.1:9469 {Flags}");
        var log = new StringBuilder();
        agent.ErrorDataReceived += (_, e) => { lock (log) { log.AppendLine(e.Data); } };
        agent.BeginErrorReadLine();
        WaitFor(() => BulkSet(topo).Contains("198.18.1.2", StringComparison.Ordinal), "the first reconcile", log);

        File.WriteAllText(config, "qos:\n  defaultClass: nonexistent\n");
        WaitFor(() => { lock (log) { return log.ToString().Contains("keeping the last good config", StringComparison.Ordinal); } }, "the rejection", log);
        topo.InNode($"tc -j qdisc show dev {NetnsTopology.Uplink}").ShouldContain("\"default\":\"0x30\""); // still standard

        // bulk's ceil down to 50% of 200 Mbit/s: the tree follows the new file.
        File.WriteAllText(config, "qos:\n  classes:\n  - {name: control-plane, priority: 0, rate: 20%, ceil: 100%, dscp: CS6}\n" +
            "  - {name: latency-sensitive, priority: 1, rate: 20%, ceil: 100%}\n  - {name: standard, priority: 4, rate: 30%, ceil: 100%}\n" +
            "  - {name: bulk, priority: 7, rate: 10%, ceil: 50%}\n");
        WaitFor(() => topo.InNode($"tc class show dev {NetnsTopology.Uplink} classid 6e67:40").Contains("ceil 100Mbit", StringComparison.Ordinal), "the new config", log);

        Sh.Run($"kill -TERM {agent.Id}");
        agent.WaitForExit(15_000).ShouldBeTrue();
        agent.ExitCode.ShouldBe(0);
    }

    [KernelFact]
    public void Once_KilledAtRandomMoments_NextRunConverges()
    {
        using var topo = NetnsTopology.Create(pods: 0);
        var pods = _dir.Write("pods.yaml", ManyPods(250));
        var random = new Random(5);
        var states = new Dictionary<string, int>(StringComparer.Ordinal);

        for (var attempt = 0; attempt < 12; attempt++)
        {
            Sh.TryRun($"ip netns exec {topo.Node} tc qdisc del dev {NetnsTopology.Uplink} root");
            Sh.TryRun($"ip netns exec {topo.Node} nft delete table inet netguard");
            using (var victim = TrafficTools.Start(topo.Node, $"{AgentBinary.Command} run --once --pods-file {pods} {Flags}"))
            {
                // The process needs about half a second to start, probe, read and apply: aim at the apply.
                Thread.Sleep(random.Next(250, 650));
                Sh.TryRun($"kill -KILL {victim.Id}");
                victim.WaitForExit();
            }

            var root = topo.InNode($"tc qdisc show dev {NetnsTopology.Uplink}");
            var hasTable = Sh.TryRun($"ip netns exec {topo.Node} nft list table inet netguard").ExitCode == 0;
            var state = (root.Contains("6e67:", StringComparison.Ordinal), hasTable) switch
            {
                (false, false) => "before any write",
                (true, false) => "between the tc batch and the nft transaction",
                _ => "after both writes",
            };
            states[state] = states.GetValueOrDefault(state) + 1;

            var rerun = Sh.TryRun($"ip netns exec {topo.Node} {AgentBinary.Command} run --once --pods-file {pods} {Flags}");
            rerun.ExitCode.ShouldBe(0, $"attempt {attempt}: {rerun.Output}");
            Flat(topo.InNode("nft list set inet netguard pods_standard_v4")).ShouldContain("198.18.100.250");
        }

        output.WriteLine("kills landed: " + string.Join(", ", states.Select(s => $"{s.Value} {s.Key}")));
    }

    private static string ManyPods(int count)
    {
        var sb = new StringBuilder();
        for (var i = 1; i <= count; i++)
        {
            var ip = $"198.18.{100 + (i / 256)}.{i % 256}";
            sb.Append(CultureInfo.InvariantCulture,
                $"---\napiVersion: v1\nkind: Pod\nmetadata: {{name: p{i}, namespace: load}}\nspec: {{nodeName: node-1}}\nstatus: {{phase: Running, podIP: {ip}, podIPs: [{{ip: {ip}}}]}}\n");
        }

        return sb.ToString();
    }

    private static string BulkSet(NetnsTopology topo) =>
        Sh.TryRun($"ip netns exec {topo.Node} nft list set inet netguard pods_bulk_v4").Output;

    private static void WaitFor(Func<bool> condition, string what, StringBuilder log)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromSeconds(30))
        {
            if (condition())
            {
                return;
            }

            Thread.Sleep(200);
        }

        lock (log)
        {
            throw new TimeoutException($"timed out waiting for {what}; agent log:\n{log}");
        }
    }

    /// <summary>Kernel handles of everything the agent owns: any replaced qdisc, class or table gets new ones.</summary>
    private static string Handles(NetnsTopology topo) =>
        topo.InNode($"tc qdisc show dev {NetnsTopology.Uplink}") + topo.InNode($"tc -d class show dev {NetnsTopology.Uplink}") +
        topo.InNode("nft -a list table inet netguard");

    private static string Flat(string text) => System.Text.RegularExpressions.Regex.Replace(text, @"\s+", " ");
}
