using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Netguard.Agent.Cli;
using Netguard.Agent.Hosting;
using Netguard.Agent.Tests.Netns;
using Netguard.Core.Kube.Client;
using Netguard.Core.Kube.Config;
using Netguard.Core.Kube.Resources;
using Netguard.Core.Qos;
using Netguard.Core.Rules.Qos;
using Netguard.Testing;
using Netguard.Testing.FakeApiServer;

namespace Netguard.Agent.Tests;

/// <summary>
/// Pods from the API server (a fake one over HTTPS on loopback) and the status on the Node, with the kernel
/// tools running in a network namespace: the agent runs in-process, its tc/nft launches go through `ip netns exec`.
/// </summary>
[Collection(KernelTestGroup.Name)]
public sealed class ApiModeTests : IDisposable
{
    private readonly TestDirectory _dir = new("netguard-agent-api");
    private readonly StringWriter _err = new();

    public void Dispose()
    {
        _dir.Dispose();
        _err.Dispose();
    }

    private static JsonObject PodJson(string name, string node, string? cls, TopologyPod addresses)
    {
        var pod = new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Pod",
            ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = "apps" },
            ["spec"] = new JsonObject { ["nodeName"] = node, ["containers"] = new JsonArray(new JsonObject { ["name"] = "c", ["image"] = "i" }) },
            ["status"] = new JsonObject
            {
                ["phase"] = "Running",
                ["podIP"] = addresses.IPv4,
                ["podIPs"] = new JsonArray(new JsonObject { ["ip"] = addresses.IPv4 }, new JsonObject { ["ip"] = addresses.IPv6 }),
            },
        };
        if (cls is not null)
        {
            pod["metadata"]!["annotations"] = new JsonObject { [QosAnnotations.Class] = cls };
        }

        return pod;
    }

    private async Task<(FakeKubeApiServer Server, string Kubeconfig)> StartServerAsync()
    {
        var server = await FakeKubeApiServer.StartAsync();
        server.Upsert(KubeResource.Nodes, new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Node",
            ["metadata"] = new JsonObject { ["name"] = "node-a", ["annotations"] = new JsonObject { ["example.com/keep"] = "me" } },
        });
        return (server, FakeKubeconfig.Write(_dir.File("kubeconfig"), server));
    }

    private AgentCommandLine CommandLine(NetnsTopology topo)
    {
        var env = new AgentEnvironment(new NetnsProcessRunner(topo.Node), TimeProvider.System, TextWriter.Null, _err, NullLoggerFactory.Instance,
            o => new KubeClient(KubeClientOptions.FromKubeConfig(KubeConfigSource.FromEnvironment(o.Kubeconfig))));
        return new AgentCommandLine(env);
    }

    [KernelFact]
    public async Task Once_PodsOfThisNodeOnly_AndTheStatusLandsOnTheNode()
    {
        using var topo = NetnsTopology.Create(pods: 2);
        var (server, kubeconfig) = await StartServerAsync();
        await using var _ = server;
        server.Upsert(KubeResource.Pods, PodJson("mine", "node-a", "bulk", topo.Pods[0]));
        server.Upsert(KubeResource.Pods, PodJson("elsewhere", "node-b", "control-plane", topo.Pods[1]));

        var code = await CommandLine(topo).InvokeAsync(
            ["run", "--once", "--node-name", "node-a", "--kubeconfig", kubeconfig, "--device", "ngup0", "--link-rate", "200mbit"], CancellationToken.None);

        code.ShouldBe(0, _err.ToString());
        var bulk = topo.InNode("nft list set inet netguard pods_bulk_v4");
        bulk.ShouldContain(topo.Pods[0].IPv4);
        topo.InNode("nft list set inet netguard pods_control_plane_v4").ShouldNotContain(topo.Pods[1].IPv4);
        server.Requests.ShouldContain(r => r.Method == "GET" && r.Path == "/api/v1/pods" && r.QueryValue("fieldSelector") == "spec.nodeName=node-a");

        var node = server.Get(KubeResource.Nodes, null, "node-a")!;
        node["metadata"]!["annotations"]!["example.com/keep"]!.GetValue<string>().ShouldBe("me");
        var status = JsonDocument.Parse(node["metadata"]!["annotations"]![AgentStatus.Annotation]!.GetValue<string>()).RootElement;
        status.GetProperty("pods").GetInt32().ShouldBe(1);
        status.GetProperty("device").GetString().ShouldBe("ngup0");
        server.Requests.ShouldContain(r => r.Method == "PATCH" && r.Path == "/api/v1/nodes/node-a" && r.Header("Content-Type")!.StartsWith("application/merge-patch+json", StringComparison.Ordinal));
    }

    [KernelFact]
    public async Task Run_FollowsWatchEvents_AndKeepsTheLastStateThroughAnOutage()
    {
        using var topo = NetnsTopology.Create(pods: 2);
        var (server, kubeconfig) = await StartServerAsync();
        await using var _ = server;
        server.Upsert(KubeResource.Pods, PodJson("first", "node-a", "bulk", topo.Pods[0]));
        using var stop = new CancellationTokenSource();

        var run = CommandLine(topo).InvokeAsync(
            ["run", "--node-name", "node-a", "--kubeconfig", kubeconfig, "--device", "ngup0", "--link-rate", "200mbit", "--metrics-listen", "127.0.0.1:0"], stop.Token);
        try
        {
            await Eventually(() => BulkSet(topo).Contains(topo.Pods[0].IPv4, StringComparison.Ordinal), "the first pod");

            // A pod scheduled later arrives through the watch.
            server.Upsert(KubeResource.Pods, PodJson("second", "node-a", "bulk", topo.Pods[1]));
            await Eventually(() => BulkSet(topo).Contains(topo.Pods[1].IPv4, StringComparison.Ordinal), "the watched pod");

            // The API server goes away: watches drop, lists fail. The kernel keeps both pods.
            server.Fail(new FakeFailure(r => r.Path.StartsWith("/api/v1/pods", StringComparison.Ordinal), 503, "ServiceUnavailable", "etcd is down") { Times = 5 });
            server.DisconnectWatches();
            await Task.Delay(TimeSpan.FromSeconds(3));
            var during = BulkSet(topo);
            during.ShouldContain(topo.Pods[0].IPv4);
            during.ShouldContain(topo.Pods[1].IPv4);

            // Back again: a deletion is seen after the informer reconnects.
            server.Remove(KubeResource.Pods, "apps", "first");
            await Eventually(() => !BulkSet(topo).Contains(topo.Pods[0].IPv4, StringComparison.Ordinal), "the deletion after the outage");
        }
        finally
        {
            await stop.CancelAsync();
        }

        (await run).ShouldBe(0, _err.ToString());
        topo.InNode("tc qdisc show dev ngup0").ShouldStartWith("qdisc htb 6e67: root"); // stopping leaves the shaping
    }

    private static string BulkSet(NetnsTopology topo) => Sh.TryRun($"ip netns exec {topo.Node} nft list set inet netguard pods_bulk_v4").Output;

    private static async Task Eventually(Func<bool> condition, string what)
    {
        for (var i = 0; i < 150 && !condition(); i++)
        {
            await Task.Delay(200);
        }

        condition().ShouldBeTrue($"timed out waiting for {what}");
    }
}
