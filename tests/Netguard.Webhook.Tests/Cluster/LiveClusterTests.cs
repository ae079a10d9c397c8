using System.Text.Json.Nodes;
using Netguard.Core.Kube.Resources;
using Netguard.Core.Rules;
using Netguard.Testing;
using Netguard.Testing.FakeApiServer;
using Netguard.Webhook.Tests.Infrastructure;

namespace Netguard.Webhook.Tests.Cluster;

/// <summary>
/// The webhook against a (fake) API server: watch caches of Nodes, Namespaces, Pods and NetworkPolicies gate
/// /readyz until synced, and what they hold reaches the rules, including later watch events.
/// </summary>
public sealed class LiveClusterTests : IAsyncLifetime, IDisposable
{
    private readonly TestDirectory _dir = new("netguard-live");
    private FakeKubeApiServer _api = null!;
    private string _kubeconfig = null!;

    public async Task InitializeAsync()
    {
        _api = await FakeKubeApiServer.StartAsync();
        _kubeconfig = FakeKubeconfig.Write(_dir.File("kubeconfig"), _api);
        _api.Upsert(KubeResource.Namespaces, Namespace("shop"));
        _api.Upsert(KubeResource.Nodes, Node("worker-1", controlPlane: false));
    }

    public async Task DisposeAsync() => await _api.DisposeAsync();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Readyz_503UntilEveryCacheHasListed_ThenOk()
    {
        // The first pod lists fail: that cache cannot sync until they stop.
        _api.Fail("/api/v1/pods", 500, "InternalError", "etcd is having a moment", method: "GET", times: 2);
        await using var server = await StartAsync();
        var client = server.CreateClient();

        using (var first = await client.GetAsync("/readyz"))
        {
            ((int)first.StatusCode).ShouldBe(503);
            (await first.Content.ReadAsStringAsync()).ShouldContain("cache pods not synced");
        }

        await Eventually.TrueAsync(async () => (await client.GetAsync("/readyz")).IsSuccessStatusCode, "/readyz ok");
        var metrics = await client.GetStringAsync("/metrics");
        metrics.ShouldContain("netguard_webhook_cache_synced{resource=\"pods\"} 1");
        metrics.ShouldContain("netguard_webhook_cache_objects{resource=\"nodes\"} 1");
        metrics.ShouldContain("netguard_webhook_cache_objects{resource=\"namespaces\"} 1");
    }

    [Fact]
    public async Task NodeFromTheCache_DecidesControlPlanePinning_IncludingANodeAddedLater()
    {
        await using var server = await StartAsync();
        var client = server.CreateClient();
        await Eventually.TrueAsync(async () => (await client.GetAsync("/readyz")).IsSuccessStatusCode, "/readyz ok");
        var review = AdmissionFixtures.Load("pod-create");
        review.Object()["spec"]!["nodeName"] = "cp-1";

        // cp-1 is unknown: nothing says it is a control-plane node.
        (await client.PostAsync("/validate", review)).Body!["response"]!["allowed"]!.GetValue<bool>().ShouldBeTrue();

        // The node appears through the watch; the next requests see it.
        _api.Upsert(KubeResource.Nodes, Node("cp-1", controlPlane: true));
        await Eventually.TrueAsync(async () => !(await client.PostAsync("/validate", review)).Body!["response"]!["allowed"]!.GetValue<bool>(), "denied after the node appeared");
        var (_, body, _) = await client.PostAsync("/validate", review);
        body!["response"]!["status"]!["message"]!.GetValue<string>().ShouldContain("[control-plane-pinning]");

        // Workers stay fine.
        review.Object()["spec"]!["nodeName"] = "worker-1";
        (await client.PostAsync("/validate", review)).Body!["response"]!["allowed"]!.GetValue<bool>().ShouldBeTrue();
    }

    [Fact]
    public async Task PodsFromTheCache_NetworkPolicySelectingNoPod_Warns()
    {
        _api.Upsert(KubeResource.Pods, new JsonObject
        {
            ["metadata"] = new JsonObject { ["name"] = "web-1", ["namespace"] = "shop", ["labels"] = new JsonObject { ["app.kubernetes.io/name"] = "web" } },
            ["spec"] = new JsonObject { ["containers"] = new JsonArray(new JsonObject { ["name"] = "web", ["image"] = "web:1" }) },
            ["status"] = new JsonObject { ["phase"] = "Running", ["podIP"] = "10.244.1.7" },
        });
        await using var server = await StartAsync();
        var client = server.CreateClient();
        await Eventually.TrueAsync(async () => (await client.GetAsync("/readyz")).IsSuccessStatusCode, "/readyz ok");
        var review = AdmissionFixtures.Load("networkpolicy-create");
        review.Object()["spec"]!["podSelector"] = JsonNode.Parse("""{"matchLabels": {"app.kubernetes.io/name": "wbe"}}""");

        var (_, body, _) = await client.PostAsync("/validate", review);

        var warnings = body!["response"]!["warnings"]!.AsArray().Select(w => w!.GetValue<string>()).ToList();
        warnings.ShouldContain(w => w.StartsWith("[netpol-selects-nothing] ", StringComparison.Ordinal));
    }

    private Task<WebhookTestServer> StartAsync() =>
        WebhookTestServer.StartAsync(BuiltInRules.All, options: o => o with { Offline = false, Kubeconfig = _kubeconfig });

    private static JsonObject Namespace(string name) => new()
    {
        ["metadata"] = new JsonObject { ["name"] = name, ["labels"] = new JsonObject { ["kubernetes.io/metadata.name"] = name } },
    };

    private static JsonObject Node(string name, bool controlPlane)
    {
        var labels = new JsonObject { ["kubernetes.io/hostname"] = name };
        if (controlPlane)
        {
            labels["node-role.kubernetes.io/control-plane"] = "";
        }

        return new JsonObject { ["metadata"] = new JsonObject { ["name"] = name, ["labels"] = labels } };
    }
}
