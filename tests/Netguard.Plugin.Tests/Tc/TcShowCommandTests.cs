using System.Text.Json.Nodes;
using Netguard.Core.Kube.Resources;
using Netguard.Testing;
using Netguard.Testing.FakeApiServer;

namespace Netguard.Plugin.Tests.Tc;

/// <summary><c>tc show</c> against the fake API server holding the nodes of <see cref="AgentStatusFixtures"/>.</summary>
public sealed class TcShowCommandTests : IAsyncLifetime, IDisposable
{
    private readonly TestDirectory _dir = new("netguard-tc");
    private readonly ManualTimeProvider _time = new(AgentStatusFixtures.Now);
    private FakeKubeApiServer _server = null!;
    private string _kubeconfig = null!;

    public async Task InitializeAsync()
    {
        _server = await FakeKubeApiServer.StartAsync();
        AgentStatusFixtures.AddNodes(_server);
        _kubeconfig = _dir.Write("config", FakeKubeconfig.Yaml(_server));
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Show_AllNodes_OneBlockPerNodeWithStaleMissingAndMalformedFlagged()
    {
        var result = await CliRunner.RunAsync(["tc", "show", "--kubeconfig", _kubeconfig], time: _time);

        result.ExitCode.ShouldBe(0);
        result.Stderr.ShouldBeEmpty();
        Golden.ShouldMatch(result.Stdout, "show.txt");
        _server.Requests.Select(r => r.Path).ShouldBe(["/api/v1/nodes"]);
    }

    [Fact]
    public async Task Show_OneNodeJson_ReadsOnlyThatNode()
    {
        var result = await CliRunner.RunAsync(["tc", "show", "w-1", "-o", "json", "--kubeconfig", _kubeconfig], time: _time);

        result.ExitCode.ShouldBe(0);
        Golden.ShouldMatch(result.Stdout, "show-w-1.json");
        _server.Requests.Select(r => r.Path).ShouldBe(["/api/v1/nodes/w-1"]);
    }

    [Fact]
    public async Task Show_Json_EveryNodeWithItsAgentState()
    {
        var result = await CliRunner.RunAsync(["tc", "show", "-o", "json", "--kubeconfig", _kubeconfig], time: _time);

        result.ExitCode.ShouldBe(0);
        var nodes = JsonNode.Parse(result.Stdout)!["nodes"]!.AsArray();
        nodes.Select(n => $"{n!["name"]}={n["agent"]}").ShouldBe(["cp-1=ok", "w-1=stale", "w-2=missing", "w-3=error", "w-4=error"]);
        nodes[0]!["message"].ShouldBeNull();
        nodes[0]!["classes"]!.AsArray().Select(c => c!["classid"]!.GetValue<string>()).ShouldBe(["6e67:10", "6e67:20", "6e67:30", "6e67:40"]);
        nodes[2]!["device"].ShouldBeNull();
        nodes[2]!["message"]!.GetValue<string>().ShouldBe("no netguard.io/agent-status annotation");
        nodes[3]!["message"]!.GetValue<string>().ShouldStartWith("annotation netguard.io/agent-status is malformed: not valid JSON");
        nodes[4]!["error"]!.GetValue<string>().ShouldBe("root qdisc on eth0 is mq, not netguard's: refusing to replace it (--force)");
    }

    [Fact]
    public async Task Show_StaleAfterLongerThanTheAge_NodeIsOk()
    {
        var result = await CliRunner.RunAsync(["tc", "show", "w-1", "--stale-after", "3h", "--kubeconfig", _kubeconfig], time: _time);

        result.ExitCode.ShouldBe(0);
        result.Stdout.ShouldStartWith("w-1: ok, eth1 at 1gbit, leaf qdisc pfifo, 3 pods, reconciled 120m ago\n  CLASS");
    }

    [Fact]
    public async Task Show_JustUnderDefaultThreshold_NotStale()
    {
        // The agent re-writes an unchanged status every 10 minutes (+ one 60 s reconcile interval): not stale yet.
        _time.Set(new DateTimeOffset(2026, 3, 1, 10, 14, 59, TimeSpan.Zero));

        var result = await CliRunner.RunAsync(["tc", "show", "w-1", "--kubeconfig", _kubeconfig], time: _time);

        result.Stdout.ShouldStartWith("w-1: ok, eth1 at 1gbit, leaf qdisc pfifo, 3 pods, reconciled 14m ago\n"); // kubectl drops the seconds from 10 minutes on
    }

    [Fact]
    public async Task Show_Terminal_ColoursTheState()
    {
        var result = await CliRunner.RunAsync(["tc", "show", "cp-1", "--kubeconfig", _kubeconfig], time: _time, terminal: true);

        result.Stdout.ShouldStartWith("cp-1: \u001b[32mok\u001b[0m, eth0 at 10gbit");
    }

    [Fact]
    public async Task Show_UnknownNode_Exit2OneLine()
    {
        var result = await CliRunner.RunAsync(["tc", "show", "nope", "--kubeconfig", _kubeconfig], time: _time);

        result.ExitCode.ShouldBe(2);
        result.Stdout.ShouldBeEmpty();
        result.Stderr.ShouldBe("error: node \"nope\" not found\n");
    }

    [Fact]
    public async Task Show_BadStaleAfter_Exit2()
    {
        var result = await CliRunner.RunAsync(["tc", "show", "--stale-after", "soon", "--kubeconfig", _kubeconfig], time: _time);

        result.ExitCode.ShouldBe(2);
        result.Stderr.ShouldBe("error: --stale-after: invalid duration \"soon\" (want e.g. 15m, 1h)\n");
        _server.Requests.ShouldBeEmpty();
    }

    [Fact]
    public async Task Show_NodesForbidden_Exit3WithServerMessage()
    {
        _server.Fail("/api/v1/nodes", 403, "Forbidden", "nodes is forbidden: User \"dev\" cannot list resource \"nodes\" in API group \"\" at the cluster scope");

        var result = await CliRunner.RunAsync(["tc", "show", "--kubeconfig", _kubeconfig], time: _time);

        result.ExitCode.ShouldBe(3);
        result.Stdout.ShouldBeEmpty();
        result.Stderr.ShouldBe("error: nodes is forbidden: User \"dev\" cannot list resource \"nodes\" in API group \"\" at the cluster scope\n");
    }

    [Fact]
    public async Task Show_NoNodes_SaysSoOnStderr()
    {
        foreach (var node in _server.List(KubeResource.Nodes))
        {
            _server.Remove(KubeResource.Nodes, null, node["metadata"]!["name"]!.GetValue<string>());
        }

        var result = await CliRunner.RunAsync(["tc", "show", "--kubeconfig", _kubeconfig], time: _time);

        result.ExitCode.ShouldBe(0);
        result.Stdout.ShouldBeEmpty();
        result.Stderr.ShouldBe("No nodes found.\n");
    }
}
