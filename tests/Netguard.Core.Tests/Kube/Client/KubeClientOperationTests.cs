using System.Text.Json.Nodes;
using Netguard.Core.JsonPatch;
using Netguard.Core.Kube.Client;
using Netguard.Core.Kube.Config;
using Netguard.Core.Kube.Errors;
using Netguard.Core.Kube.Models;
using Netguard.Core.Kube.Resources;
using Netguard.Testing.FakeApiServer;

namespace Netguard.Core.Tests.Kube.Client;

public sealed class KubeClientOperationTests : IAsyncLifetime, IDisposable
{
    private FakeKubeApiServer _server = null!;
    private KubeClient _client = null!;

    public async Task InitializeAsync()
    {
        _server = await FakeKubeApiServer.StartAsync();
        _client = new KubeClient(new KubeClientOptions { Server = _server.Url, CertificateAuthorityFile = _server.CaCertificatePath });
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public void Dispose() => _client.Dispose();

    [Fact]
    public async Task ListAsync_MorePodsThanLimit_GathersEveryPageWithContinue()
    {
        for (var i = 0; i < 7; i++)
        {
            _server.Upsert(KubeResource.Pods, PodJson("web", $"pod-{i}"));
        }

        var list = await _client.ListAsync(KubeResourceTypes.Pods, "web", new ListOptions { Limit = 3 });

        list.Items.Select(p => p.Metadata.Name).ShouldBe(["pod-0", "pod-1", "pod-2", "pod-3", "pod-4", "pod-5", "pod-6"]);
        list.Metadata!.Continue.ShouldBeNull();
        var requests = _server.Requests;
        requests.Count.ShouldBe(3); // 3 + 3 + 1
        requests.ShouldAllBe(r => r.Path == "/api/v1/namespaces/web/pods" && r.QueryValue("limit") == "3");
        requests[0].QueryValue("continue").ShouldBeNull();
        requests[1].QueryValue("continue").ShouldNotBeNullOrEmpty();
        requests[2].QueryValue("continue").ShouldNotBe(requests[1].QueryValue("continue"));
    }

    [Fact]
    public async Task ListPagesAsync_StreamsPagesInOrder()
    {
        for (var i = 0; i < 5; i++)
        {
            _server.Upsert(KubeResource.Pods, PodJson("web", $"p{i}"));
        }

        var sizes = new List<int>();
        await foreach (var page in _client.ListPagesAsync(KubeResourceTypes.Pods, "web", new ListOptions { Limit = 2 }))
        {
            sizes.Add(page.Items.Count);
        }

        sizes.ShouldBe([2, 2, 1]);
    }

    [Fact]
    public async Task ListAsync_ContinueTokenCompacted_ThrowsExpired()
    {
        for (var i = 0; i < 4; i++)
        {
            _server.Upsert(KubeResource.Pods, PodJson("web", $"p{i}"));
        }

        var pages = _client.ListPagesAsync(KubeResourceTypes.Pods, "web", new ListOptions { Limit = 2 }).GetAsyncEnumerator();
        (await pages.MoveNextAsync()).ShouldBeTrue();
        _server.Upsert(KubeResource.Pods, PodJson("web", "later")); // the snapshot the token reads is now older than the compaction
        _server.Compact();

        var e = await Should.ThrowAsync<KubeExpiredException>(async () => await pages.MoveNextAsync());
        e.StatusCode.ShouldBe(410);
        await pages.DisposeAsync();
    }

    [Fact]
    public async Task ListAsync_AllNamespacesWithSelectors_PassesSelectorsAndFilters()
    {
        _server.Upsert(KubeResource.Pods, PodJson("a", "x", node: "n1", labels: new() { ["app"] = "web" }));
        _server.Upsert(KubeResource.Pods, PodJson("b", "y", node: "n2", labels: new() { ["app"] = "web" }));
        _server.Upsert(KubeResource.Pods, PodJson("b", "z", node: "n1", labels: new() { ["app"] = "db" }));

        var list = await _client.ListAsync(KubeResourceTypes.Pods, null, new ListOptions { LabelSelector = "app=web", FieldSelector = "spec.nodeName=n1" });

        list.Items.Select(p => $"{p.Metadata.Namespace}/{p.Metadata.Name}").ShouldBe(["a/x"]);
        var request = _server.Requests.Single();
        request.Path.ShouldBe("/api/v1/pods");
        request.QueryValue("labelSelector").ShouldBe("app=web");
        request.QueryValue("fieldSelector").ShouldBe("spec.nodeName=n1");
    }

    [Fact]
    public async Task GetAsync_Missing_ThrowsNotFoundWithServerMessage()
    {
        var e = await Should.ThrowAsync<KubeApiException>(() => _client.GetAsync(KubeResourceTypes.Pods, "web", "nope"));

        e.IsNotFound.ShouldBeTrue();
        e.Message.ShouldBe("pods \"nope\" not found");
    }

    [Fact]
    public async Task ListAsync_Forbidden_MessageIsTheStatusMessage()
    {
        const string message = "pods is forbidden: User \"jane\" cannot list resource \"pods\" in API group \"\" in the namespace \"kube-system\"";
        _server.Fail("/api/v1/namespaces/kube-system/pods", 403, "Forbidden", message);

        var e = await Should.ThrowAsync<KubeApiException>(() => _client.ListAsync(KubeResourceTypes.Pods, "kube-system"));

        e.IsForbidden.ShouldBeTrue();
        e.Reason.ShouldBe("Forbidden");
        e.Message.ShouldBe(message);
    }

    [Fact]
    public async Task CreateGetUpdateDelete_RoundTrip_KeepsUnknownFields()
    {
        var pod = new Pod
        {
            ApiVersion = "v1",
            Kind = "Pod",
            Metadata = new ObjectMeta { Name = "p", Labels = new() { ["app"] = "web" } },
        };
        pod.ExtensionData = new() { ["futureField"] = System.Text.Json.JsonDocument.Parse("{\"x\":1}").RootElement.Clone() };

        var created = await _client.CreateAsync(KubeResourceTypes.Pods, "web", pod, new WriteOptions { FieldManager = "netguard" });
        created.Metadata.Namespace.ShouldBe("web");
        created.Metadata.ResourceVersion.ShouldNotBeNullOrEmpty();
        _server.Requests[^1].QueryValue("fieldManager").ShouldBe("netguard");

        var fetched = await _client.GetAsync(KubeResourceTypes.Pods, "web", "p");
        fetched.ExtensionData!["futureField"].GetProperty("x").GetInt32().ShouldBe(1);
        fetched.Metadata.Labels!["app"] = "api";
        var updated = await _client.UpdateAsync(KubeResourceTypes.Pods, "web", "p", fetched);
        updated.Metadata.Labels!["app"].ShouldBe("api");
        _server.Get(KubeResource.Pods, "web", "p")!["futureField"]!["x"]!.GetValue<int>().ShouldBe(1);

        await _client.DeleteAsync(KubeResource.Pods, "web", "p", new DeleteOptions { PropagationPolicy = "Background" });
        _server.Get(KubeResource.Pods, "web", "p").ShouldBeNull();
        _server.Requests[^1].Method.ShouldBe("DELETE");
        _server.Requests[^1].QueryValue("propagationPolicy").ShouldBe("Background");
    }

    [Fact]
    public async Task GetAsync_ConnectionDroppedTwice_RetriedAndAnswered()
    {
        _server.Upsert(KubeResource.Namespaces, new JsonObject { ["metadata"] = new JsonObject { ["name"] = "web" } });
        _server.Drop("/api/v1/namespaces/web", times: 2);

        var ns = await _client.GetAsync(KubeResourceTypes.Namespaces, null, "web");

        ns.Metadata.Name.ShouldBe("web");
        _server.Requests.Count(r => r.Path == "/api/v1/namespaces/web").ShouldBe(3);
    }

    [Fact]
    public async Task GetAsync_ConnectionDroppedEveryTime_GivesUpAfterThreeWithOneLine()
    {
        _server.Upsert(KubeResource.Namespaces, new JsonObject { ["metadata"] = new JsonObject { ["name"] = "web" } });
        _server.Drop("/api/v1/namespaces/web", times: 10);

        var e = await Should.ThrowAsync<KubeConnectionException>(() => _client.GetAsync(KubeResourceTypes.Namespaces, null, "web"));

        e.Message.ShouldContain(_server.Url.GetLeftPart(UriPartial.Authority));
        e.Message.ShouldNotContain("\n");
        _server.Requests.Count(r => r.Path == "/api/v1/namespaces/web").ShouldBe(3);
    }

    [Fact]
    public async Task CreateAsync_ConnectionDropped_NotSentAgain()
    {
        // A write may have been applied before the connection died: repeating it is the caller's decision.
        _server.Drop("/api/v1/namespaces");

        await Should.ThrowAsync<KubeConnectionException>(() =>
            _client.CreateAsync(KubeResourceTypes.Namespaces, null, new Namespace { Metadata = new ObjectMeta { Name = "web" } }));

        _server.Requests.Count(r => r.Method == "POST").ShouldBe(1);
    }

    [Fact]
    public async Task CreateAsync_Existing_ThrowsAlreadyExists()
    {
        _server.Upsert(KubeResource.Namespaces, new JsonObject { ["metadata"] = new JsonObject { ["name"] = "web" } });

        var e = await Should.ThrowAsync<KubeApiException>(() =>
            _client.CreateAsync(KubeResourceTypes.Namespaces, null, new Namespace { Metadata = new ObjectMeta { Name = "web" } }));

        e.IsAlreadyExists.ShouldBeTrue();
        e.ShouldNotBeOfType<KubeConflictException>();
    }

    [Fact]
    public async Task UpdateAsync_StaleResourceVersion_ThrowsConflict()
    {
        _server.Upsert(KubeResource.ConfigMaps, new JsonObject { ["metadata"] = new JsonObject { ["name"] = "c", ["namespace"] = "ns" } });
        var stale = await _client.GetAsync(KubeResourceTypes.ConfigMaps, "ns", "c");
        _server.Upsert(KubeResource.ConfigMaps, new JsonObject { ["metadata"] = new JsonObject { ["name"] = "c", ["namespace"] = "ns" }, ["data"] = new JsonObject { ["k"] = "v" } });

        var e = await Should.ThrowAsync<KubeConflictException>(() => _client.UpdateAsync(KubeResourceTypes.ConfigMaps, "ns", "c", stale));

        e.IsConflict.ShouldBeTrue();
        e.Message.ShouldContain("the object has been modified");
    }

    [Fact]
    public async Task PatchAsync_JsonPatch_SendsRfc6902WithContentType()
    {
        _server.Upsert(KubeResource.Pods, PodJson("web", "p"));

        var patched = await _client.PatchAsync(KubeResourceTypes.Pods, "web", "p",
            KubePatch.Json([JsonPatchOperation.Add("/metadata/annotations", new JsonObject { ["netguard.io/qos-class"] = "bulk" })]));

        patched.Metadata.Annotations!["netguard.io/qos-class"].ShouldBe("bulk");
        var request = _server.Requests[^1];
        request.Method.ShouldBe("PATCH");
        request.Header("Content-Type").ShouldStartWith("application/json-patch+json");
        JsonNode.Parse(request.Body)!.ToJsonString().ShouldBe("[{\"op\":\"add\",\"path\":\"/metadata/annotations\",\"value\":{\"netguard.io/qos-class\":\"bulk\"}}]");
    }

    [Theory]
    [InlineData(KubePatchType.Merge, "application/merge-patch+json")]
    [InlineData(KubePatchType.StrategicMerge, "application/strategic-merge-patch+json")]
    public async Task PatchAsync_MergeKinds_SendTheirContentType(KubePatchType type, string contentType)
    {
        _server.Upsert(KubeResource.Nodes, new JsonObject { ["metadata"] = new JsonObject { ["name"] = "n1" } });
        var body = new JsonObject { ["metadata"] = new JsonObject { ["annotations"] = new JsonObject { ["netguard.io/agent-status"] = "{}" } } };
        var patch = type == KubePatchType.Merge ? KubePatch.Merge(body) : KubePatch.StrategicMerge(body);

        var node = await _client.PatchAsync(KubeResourceTypes.Nodes, null, "n1", patch);

        node.Metadata.Annotations!["netguard.io/agent-status"].ShouldBe("{}");
        _server.Requests[^1].Header("Content-Type").ShouldStartWith(contentType);
        _server.Requests[^1].Path.ShouldBe("/api/v1/nodes/n1");
    }

    [Fact]
    public async Task PatchAsync_ServerSideApply_SendsFieldManagerAndForce()
    {
        var intent = new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "ConfigMap",
            ["metadata"] = new JsonObject { ["name"] = "netguard-config", ["namespace"] = "netguard-system" },
            ["data"] = new JsonObject { ["config.yaml"] = "{}" },
        };

        var applied = await _client.PatchAsync(KubeResourceTypes.ConfigMaps, "netguard-system", "netguard-config", KubePatch.Apply(intent, "kubectl-netguard", force: true));

        applied.Metadata.Name.ShouldBe("netguard-config");
        var request = _server.Requests[^1];
        request.Header("Content-Type").ShouldStartWith("application/apply-patch+yaml");
        request.QueryValue("fieldManager").ShouldBe("kubectl-netguard");
        request.QueryValue("force").ShouldBe("true");
    }

    [Fact]
    public async Task GetAsync_RawResource_ReturnsJsonObject()
    {
        var resource = KubeResource.ValidatingWebhookConfigurations;
        _server.Upsert(resource, new JsonObject { ["metadata"] = new JsonObject { ["name"] = "netguard" }, ["webhooks"] = new JsonArray(new JsonObject { ["name"] = "validate.netguard.io" }) });

        var obj = await _client.GetAsync(KubeResourceTypes.Raw(resource), null, "netguard");

        obj["webhooks"]![0]!["name"]!.GetValue<string>().ShouldBe("validate.netguard.io");
        _server.Requests[^1].Path.ShouldBe("/apis/admissionregistration.k8s.io/v1/validatingwebhookconfigurations/netguard");
    }

    internal static JsonObject PodJson(string ns, string name, string? node = null, Dictionary<string, string>? labels = null)
    {
        var meta = new JsonObject { ["name"] = name, ["namespace"] = ns };
        if (labels is not null)
        {
            meta["labels"] = new JsonObject(labels.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value)));
        }

        return new JsonObject
        {
            ["metadata"] = meta,
            ["spec"] = new JsonObject { ["nodeName"] = node, ["containers"] = new JsonArray(new JsonObject { ["name"] = "c", ["image"] = "nginx" }) },
        };
    }
}
