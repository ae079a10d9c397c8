using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Netguard.Agent.Cli;
using Netguard.Agent.Hosting;
using Netguard.Agent.Tests.Fakes;
using Netguard.Testing;

namespace Netguard.Agent.Tests.Cli;

/// <summary>The command line in-process with a fake tool launcher: flags, one-line errors, exit codes, the --dry-run plan.</summary>
public sealed class AgentCliTests : IDisposable
{
    private readonly TestDirectory _dir = new("netguard-agent-cli");
    private readonly StringWriter _out = new();
    private readonly StringWriter _err = new();

    public void Dispose()
    {
        _dir.Dispose();
        _out.Dispose();
        _err.Dispose();
    }

    /// <summary>A kernel where the probe may not create devices (as for a non-root user): only the FIFOs are assumed.</summary>
    private static FakeProcessRunner UnprivilegedKernel() => new FakeProcessRunner()
        .On("nft --version", 0, "nftables v1.0.6 (Lester Gooch #5)\n")
        .On("ip link add", 2, stderr: "RTNETLINK answers: Operation not permitted\n");

    private Task<int> Run(FakeProcessRunner runner, params string[] args) => Run(runner, TimeProvider.System, args);

    private async Task<int> Run(FakeProcessRunner runner, TimeProvider time, params string[] args)
    {
        var env = new AgentEnvironment(runner, time, _out, _err, NullLoggerFactory.Instance,
            _ => throw new InvalidOperationException("no API in these tests"));
        return await new AgentCommandLine(env).InvokeAsync(args, CancellationToken.None);
    }

    [Theory]
    [InlineData(new[] { "run", "--node-name", "" }, "error: no pods source: give --pods-file FILE, or --node-name NODE (or set NODE_NAME) to watch the API server")]
    [InlineData(new[] { "run", "--pods-file", "p.yaml", "--link-rate", "50%" }, "error: --link-rate \"50%\": must be an absolute rate such as 10gbit")]
    [InlineData(new[] { "run", "--pods-file", "p.yaml", "--link-rate", "fast" }, "error: --link-rate \"fast\": invalid rate \"fast\" (units: bit, kbit, mbit, gbit, tbit, or %)")]
    [InlineData(new[] { "run", "--pods-file", "p.yaml", "--metrics-listen", "9469" }, "error: --metrics-listen \"9469\" is not an address:port (e.g. 0.0.0.0:9469 or [::]:9469)")]
    [InlineData(new[] { "run", "--pods-file", "p.yaml", "--once", "--dry-run" }, "error: --once and --dry-run exclude each other")]
    [InlineData(new[] { "run", "--bogus" }, "error: Unrecognized command or argument '--bogus'.")]
    public async Task Run_BadFlags_ExitTwoWithOneLine(string[] args, string expected)
    {
        var runner = UnprivilegedKernel();

        (await Run(runner, args)).ShouldBe(2);

        _err.ToString().ShouldBe(expected + "\n");
        runner.Launches.ShouldBeEmpty();
    }

    [Fact]
    public async Task Run_PodsFileWithAnotherKind_ExitTwoNamingFileAndLine()
    {
        var pods = _dir.Write("pods.yaml", "apiVersion: v1\nkind: Pod\nmetadata: {name: a, namespace: b}\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\n");

        (await Run(UnprivilegedKernel(), "run", "--dry-run", "--pods-file", pods, "--device", "eth0", "--link-rate", "1gbit")).ShouldBe(2);

        _err.ToString().ShouldBe($"error: {pods}:5: Deployment web is not a Pod (a pods file holds Pod objects only)\n");
    }

    [Fact]
    public async Task Run_PodsFileNotYaml_ExitTwoNamingFileAndLine()
    {
        var pods = _dir.Write("pods.yaml", "apiVersion: v1\nkind: Pod\nmetadata: [unclosed\n");

        (await Run(UnprivilegedKernel(), "run", "--dry-run", "--pods-file", pods, "--device", "eth0", "--link-rate", "1gbit")).ShouldBe(2);

        var error = _err.ToString();
        error.ShouldStartWith($"error: {pods}:");
        error.Count(c => c == '\n').ShouldBe(1);
    }

    [Fact]
    public async Task Run_InvalidConfig_ExitTwoListingEveryProblem()
    {
        var pods = _dir.Write("pods.yaml", "");
        var config = _dir.Write("config.yaml", "qos:\n  defaultClass: gold\n  classez: []\n");

        (await Run(UnprivilegedKernel(), "run", "--dry-run", "--config", config, "--pods-file", pods, "--device", "eth0", "--link-rate", "1gbit")).ShouldBe(2);

        var error = _err.ToString();
        error.ShouldStartWith("error: invalid config: ");
        error.ShouldContain($"{config}:3: qos.classez: unknown key");
        error.ShouldContain("gold");
        error.Count(c => c == '\n').ShouldBe(1);
    }

    [Fact]
    public async Task Run_ConfigWithOwnClasses_PlansThem()
    {
        var pods = _dir.Write("pods.yaml", "");
        var config = _dir.Write("config.yaml", """
            qos:
              linkRate: 10gbit
              defaultClass: be
              classes:
              - {name: cp, priority: 0, rate: 1gbit, ceil: 100%, dscp: EF}
              - {name: be, priority: 5, rate: 50%, ceil: 100%}
              assignments: []
              requests: []
              controlPlanePorts: [6443]
            """);

        (await Run(UnprivilegedKernel(), "run", "--dry-run", "--config", config, "--pods-file", pods, "--device", "lo")).ShouldBe(0, _err.ToString());

        // No --link-rate and no sysfs speed for lo (reading it fails with EINVAL): qos.linkRate (10 Gbit/s); 50% = 5 Gbit/s.
        var plan = _out.ToString();
        plan.ShouldContain("class replace dev lo parent 6e67:1 classid 6e67:10 htb rate 1gbit ceil 10gbit prio 0 quantum 200000");
        plan.ShouldContain("class replace dev lo parent 6e67:1 classid 6e67:20 htb rate 5gbit ceil 10gbit prio 5 quantum 200000");
        plan.ShouldContain("meta nfproto ipv4 tcp dport @control_plane_ports meta priority set 6e67:10 ip dscp set ef accept");
    }

    [Fact]
    public async Task Run_DryRunOnAMissingDeviceWithoutLinkRate_PlansAtQosLinkRateWithAWarning()
    {
        var pods = _dir.Write("pods.yaml", "");

        (await Run(UnprivilegedKernel(), "run", "--dry-run", "--pods-file", pods, "--device", "nosuchdev")).ShouldBe(0, _err.ToString());

        // SPEC §6.1: no --link-rate and no sysfs speed leaves qos.linkRate, 1gbit by default (SPEC §4).
        _err.ToString().ShouldBe("warning: device nosuchdev does not exist here (no /sys/class/net/nosuchdev), so the plan uses qos.linkRate; " +
            "give --link-rate to plan for another host's device\n");
        _out.ToString().ShouldContain("qdisc add dev nosuchdev root handle 6e67: htb default 30\n");
        _out.ToString().ShouldStartWith("# netguard plan for nosuchdev: link 1gbit (qos.linkRate)");
    }

    [Fact]
    public async Task Run_DryRunOnAMissingDeviceWithLinkRate_PlansWithoutCheckingTheDevice()
    {
        var pods = _dir.Write("pods.yaml", "");

        (await Run(UnprivilegedKernel(), "run", "--dry-run", "--pods-file", pods, "--device", "nosuchdev", "--link-rate", "1gbit")).ShouldBe(0, _err.ToString());

        _out.ToString().ShouldContain("qdisc add dev nosuchdev root handle 6e67: htb default 30\n");
    }

    [Fact]
    public async Task Run_MissingPodsFile_ExitTwo()
    {
        (await Run(UnprivilegedKernel(), "run", "--dry-run", "--pods-file", _dir.File("none.yaml"), "--device", "eth0", "--link-rate", "1gbit")).ShouldBe(2);

        _err.ToString().ShouldStartWith($"error: pods file {_dir.File("none.yaml")}: Could not find file");
    }

    [Fact]
    public async Task Run_DryRunOnTheExamplePods_PrintsThePlanAndChangesNothing()
    {
        var runner = UnprivilegedKernel();

        var code = await Run(runner, "run", "--dry-run", "--pods-file", RepositoryFiles.Path("manifests", "examples", "pods.yaml"), "--device", "eth0", "--link-rate", "1gbit");

        code.ShouldBe(0, _err.ToString());
        _out.ToString().ShouldBe(File.ReadAllText(RepositoryFiles.Path("tests", "Netguard.Agent.Tests", "Golden", "dry-run-example.txt")));
        // Only the capability probe ran; nothing that programs tc or nft.
        runner.Launches.ShouldBe(["nft --version", "ip link add ngprobe" + (Environment.ProcessId % 100000) + " type veth peer name ngprobe" + (Environment.ProcessId % 100000) + "p"]);
    }

    [Theory]
    [InlineData(null, new[] { "apps/a", "apps/b", "apps/unscheduled" })] // no node name: every pod in the file, as before
    [InlineData("node-a", new[] { "apps/a" })]
    [InlineData("node-b", new[] { "apps/b" })]
    [InlineData("node-c", new string[0])]
    public async Task Run_PodsFileWithNodeName_PlansOnlyPodsScheduledOnThatNode(string? node, string[] expected)
    {
        static string Pod(string name, string? node, string ip) =>
            $"---\napiVersion: v1\nkind: Pod\nmetadata: {{name: {name}, namespace: apps, annotations: {{netguard.io/qos-class: bulk}}}}\n" +
            (node is null ? "" : $"spec: {{nodeName: {node}}}\n") + $"status: {{phase: Running, podIP: {ip}}}\n";
        var pods = _dir.Write("pods.yaml", Pod("a", "node-a", "10.0.0.1") + Pod("b", "node-b", "10.0.0.2") + Pod("unscheduled", null, "10.0.0.3"));
        string[] args = ["run", "--dry-run", "--pods-file", pods, "--device", "eth0", "--link-rate", "1gbit"];

        (await Run(UnprivilegedKernel(), node is null ? args : [.. args, "--node-name", node])).ShouldBe(0, _err.ToString());

        var lines = _out.ToString().Split('\n');
        lines.Where(l => l.StartsWith("#   apps/", StringComparison.Ordinal)).Select(l => l["#   ".Length..].Split(' ')[0]).ShouldBe(expected);
        lines.Single(l => l.StartsWith("#   bulk ", StringComparison.Ordinal)).ShouldEndWith("  " + expected.Length);
    }

    [Fact]
    public async Task Run_ExamplePodsWithAnotherNodeName_PlansNoPods()
    {
        // Every pod in the example file has spec.nodeName worker-1.
        var code = await Run(UnprivilegedKernel(), "run", "--dry-run", "--pods-file", RepositoryFiles.Path("manifests", "examples", "pods.yaml"),
            "--node-name", "worker-2", "--device", "eth0", "--link-rate", "1gbit");

        code.ShouldBe(0, _err.ToString());
        var plan = _out.ToString();
        plan.ShouldNotContain("#   POD ");
        plan.ShouldNotContain("10.244."); // no pod address in any set (only the control-plane ports have elements)
        plan.ShouldNotContain("fd00:10:244:");
        plan.Split('\n').Where(l => l.Contains(" 6e67:", StringComparison.Ordinal) && l.StartsWith("#   ", StringComparison.Ordinal))
            .ShouldAllBe(l => l.EndsWith("  0", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Run_ExamplePodsWithTheirNodeName_SamePlanAsWithoutIt()
    {
        var code = await Run(UnprivilegedKernel(), "run", "--dry-run", "--pods-file", RepositoryFiles.Path("manifests", "examples", "pods.yaml"),
            "--node-name", "worker-1", "--device", "eth0", "--link-rate", "1gbit");

        code.ShouldBe(0, _err.ToString());
        _out.ToString().ShouldBe(File.ReadAllText(RepositoryFiles.Path("tests", "Netguard.Agent.Tests", "Golden", "dry-run-example.txt")));
    }

    [Fact]
    public async Task Run_DeviceAutoWithoutDefaultRoute_ExitOneWithOneLine()
    {
        var runner = UnprivilegedKernel().On("ip -4 -j route show default", 0, "[]\n").On("ip -6 -j route show default", 0, "[]\n");
        var pods = _dir.Write("pods.yaml", "");

        (await Run(runner, "run", "--once", "--pods-file", pods, "--link-rate", "1gbit")).ShouldBe(1);

        _err.ToString().ShouldBe("error: --device auto: there is no default route; name the device with --device\n");
    }

    [Fact]
    public async Task Run_DeviceAuto_UsesTheDefaultRoutesDevice()
    {
        var runner = UnprivilegedKernel()
            .On("ip -4 -j route show default", 0, """[{"dst":"default","gateway":"192.0.2.1","dev":"ens5","protocol":"dhcp","flags":[]}]""");
        var pods = _dir.Write("pods.yaml", "");

        (await Run(runner, "run", "--dry-run", "--pods-file", pods, "--link-rate", "1gbit")).ShouldBe(0, _err.ToString());

        _out.ToString().ShouldStartWith("# netguard plan for ens5: link 1gbit (--link-rate)");
    }

    [Fact]
    public async Task Run_OnceOnAMissingDevice_ExitsOneAndWritesTheErrorToTheStatusFile()
    {
        // What iproute2 6.1 and nftables 1.0.6 answer for a device that does not exist.
        var runner = UnprivilegedKernel()
            .On("tc -j qdisc show dev nosuch", 1, stderr: "Cannot find device \"nosuch\"\n")
            .On("tc -s -d class show dev nosuch", 1, stderr: "Cannot find device \"nosuch\"\n")
            .On("nft -j list table inet netguard", 1, stderr: "Error: No such file or directory\n");
        var pods = _dir.Write("pods.yaml", "");
        var status = _dir.File("status.json");
        var time = new ManualTimers(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero));

        var code = await Run(runner, time, "run", "--once", "--pods-file", pods, "--status-file", status, "--device", "nosuch", "--link-rate", "1gbit");

        code.ShouldBe(1);
        _err.ToString().ShouldBe("error: tc qdisc show dev nosuch: Cannot find device \"nosuch\"\n");
        // SPEC §6.5 shape: the plan's device, rate and classes (default config at 1 Gbit/s), and why the kernel does not match.
        using var json = JsonDocument.Parse(File.ReadAllText(status));
        var root = json.RootElement;
        root.GetProperty("device").GetString().ShouldBe("nosuch");
        root.GetProperty("linkRate").GetString().ShouldBe("1gbit");
        root.GetProperty("leafQdisc").GetString().ShouldBe("bfifo");
        root.GetProperty("classes").EnumerateArray().Select(c => $"{c.GetProperty("name").GetString()} {c.GetProperty("rate").GetString()}")
            .ShouldBe(["control-plane 200mbit", "latency-sensitive 200mbit", "standard 300mbit", "bulk 100mbit"]);
        root.GetProperty("pods").GetInt32().ShouldBe(0);
        root.GetProperty("lastReconcile").GetString().ShouldBe("2026-01-02T03:04:05Z");
        root.GetProperty("error").GetString().ShouldBe("tc qdisc show dev nosuch: Cannot find device \"nosuch\"");
        runner.Launches.ShouldNotContain(l => l.StartsWith("tc -batch", StringComparison.Ordinal) || l.StartsWith("nft -f", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Cleanup_NothingOwned_SaysSoAndExitsZero()
    {
        var runner = new FakeProcessRunner()
            .On("tc -j qdisc show", 0, """[{"kind":"noqueue","handle":"0:","dev":"lo","root":true,"refcnt":2,"options":{}}]""")
            .On("nft -j list table inet netguard", 1, stderr: "Error: No such file or directory\n");

        (await Run(runner, "cleanup")).ShouldBe(0);

        _err.ToString().ShouldBe("nothing to remove: netguard owns no qdisc or table here\n");
        runner.Launches.ShouldBe(["tc -j qdisc show", "nft -j list table inet netguard"]);
    }
}
