using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Netguard.Core.Kube.Client;
using Netguard.Core.Kube.Config;
using Netguard.Core.Kube.Informers;
using Netguard.Core.Kube.Models;
using Netguard.Core.Kube.Resources;
using Netguard.Core.Tests.Kube.Client;
using Netguard.Testing.FakeApiServer;

namespace Netguard.Core.Tests.Kube.Informers;

public sealed class KubeInformerTests : IAsyncLifetime, IDisposable
{
    private static readonly KubeInformerOptions Fast = new()
    {
        InitialBackoff = TimeSpan.FromMilliseconds(20),
        MaxBackoff = TimeSpan.FromMilliseconds(200),
        MinReconnectInterval = TimeSpan.FromMilliseconds(10),
    };

    private readonly ConcurrentQueue<string> _events = new();
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
    public async Task Start_ExistingObjects_SyncsAndCallsOnAddForEach()
    {
        Pod("a", "p1");
        Pod("a", "p2");
        Pod("b", "p3");
        await using var informer = Informer();

        informer.Start();
        await informer.WaitForSyncAsync().WaitAsync(TimeSpan.FromSeconds(10));

        informer.HasSynced.ShouldBeTrue();
        informer.List().Select(p => p.Metadata.Name).Order().ShouldBe(["p1", "p2", "p3"]);
        informer.Get("b", "p3")!.Metadata.Namespace.ShouldBe("b");
        _events.Order().ShouldBe(["add a/p1", "add a/p2", "add b/p3"]);
    }

    [Fact]
    public async Task Watch_Changes_ReachHandlersInOrder()
    {
        Pod("a", "p1");
        await using var informer = await StartedAsync();
        await _server.WaitForWatchesAsync();

        Pod("a", "p2");
        Pod("a", "p1", labels: new() { ["v"] = "2" });
        _server.Remove(KubeResource.Pods, "a", "p2");
        await EventuallyAsync(() => _events.Count == 4);

        _events.ShouldBe(["add a/p1", "add a/p2", "update a/p1", "delete a/p2"]);
        informer.Get("a", "p1")!.Metadata.Labels!["v"].ShouldBe("2");
        informer.Get("a", "p2").ShouldBeNull();
        informer.ResourceVersion.ShouldBe(_server.ResourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Watch_ExpiredWithMissedChanges_RelistsAndReconcilesCache()
    {
        Pod("a", "keep");
        Pod("a", "gone");
        Pod("a", "changed");
        await using var informer = await StartedAsync();
        await _server.WaitForWatchesAsync();

        // Changes the open watch never sees, then compaction: only a relist can find them.
        _server.Remove(KubeResource.Pods, "a", "gone", notifyWatchers: false);
        Pod("a", "changed", labels: new() { ["v"] = "2" }, notify: false);
        Pod("a", "new", notify: false);
        _server.Compact(expireOpenWatches: true);
        await EventuallyAsync(() => _events.Count == 6);

        _events.Skip(3).Order().ShouldBe(["add a/new", "delete a/gone", "update a/changed"]);
        informer.List().Select(p => p.Metadata.Name).Order().ShouldBe(["changed", "keep", "new"]);
        _server.Requests.Count(r => r.QueryValue("watch") is null).ShouldBe(2); // initial list + relist
    }

    [Fact]
    public async Task Watch_ExpiredRelistInPages_UnchangedObjectsKeepTheirCachedInstance()
    {
        Pod("a", "keep");
        Pod("a", "changed");
        Pod("a", "other");
        await using var informer = Informer(Fast with { PageSize = 1 });
        informer.Start();
        await informer.WaitForSyncAsync().WaitAsync(TimeSpan.FromSeconds(10));
        await _server.WaitForWatchesAsync();
        var keep = informer.Get("a", "keep");
        var changed = informer.Get("a", "changed");

        Pod("a", "changed", labels: new() { ["v"] = "2" }, notify: false);
        _server.Compact(expireOpenWatches: true);
        await EventuallyAsync(() => _events.Count == 4);

        _events.Last().ShouldBe("update a/changed");
        ReferenceEquals(informer.Get("a", "keep"), keep).ShouldBeTrue();
        ReferenceEquals(informer.Get("a", "changed"), changed).ShouldBeFalse();
        informer.Get("a", "changed")!.Metadata.Labels!["v"].ShouldBe("2");
        informer.ResourceVersion.ShouldBe(_server.ResourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Watch_Disconnected_RewatchesFromLastResourceVersionWithoutRelist()
    {
        Pod("a", "p1");
        await using var informer = await StartedAsync();
        await _server.WaitForWatchesAsync();
        var before = informer.ResourceVersion;

        _server.DisconnectWatches();
        Pod("a", "while-away", notify: false);
        await EventuallyAsync(() => _events.Contains("add a/while-away"));

        var watches = _server.Requests.Where(r => r.QueryValue("watch") == "true").ToList();
        watches.Count.ShouldBeGreaterThanOrEqualTo(2);
        watches[1].QueryValue("resourceVersion").ShouldBe(before);
        _server.Requests.Count(r => r.QueryValue("watch") is null).ShouldBe(1);
    }

    [Fact]
    public async Task Watch_ServerEndsStream_RewatchesWithoutRelist()
    {
        await using var informer = await StartedAsync();
        await _server.WaitForWatchesAsync();

        _server.EndWatches();
        await EventuallyAsync(() => _server.Requests.Count(r => r.QueryValue("watch") == "true") >= 2);
        await _server.WaitForWatchesAsync();
        Pod("a", "later");
        await EventuallyAsync(() => _events.Contains("add a/later"));

        _server.Requests.Count(r => r.QueryValue("watch") is null).ShouldBe(1);
    }

    [Fact]
    public async Task Watch_StreamsEndingAtOnce_ReconnectsAtMostOncePerInterval()
    {
        await using var informer = Informer(Fast with { MinReconnectInterval = TimeSpan.FromMilliseconds(250) });
        informer.Start();
        await informer.WaitForSyncAsync().WaitAsync(TimeSpan.FromSeconds(10));
        await _server.WaitForWatchesAsync();
        var started = DateTime.UtcNow;

        while (DateTime.UtcNow - started < TimeSpan.FromSeconds(1))
        {
            _server.EndWatches();
            await Task.Delay(10);
        }

        await EventuallyAsync(() => _server.Requests.Count(r => r.QueryValue("watch") == "true") >= 2);

        // One watch per 250 ms at most: the first plus one per elapsed interval (slack of one for timer edges).
        var elapsed = DateTime.UtcNow - started;
        var allowed = 2 + (int)(elapsed.TotalMilliseconds / 250);
        _server.Requests.Count(r => r.QueryValue("watch") == "true").ShouldBeLessThanOrEqualTo(allowed);
    }

    [Fact]
    public async Task Watch_Bookmark_AdvancesResourceVersionOnly()
    {
        Pod("a", "p1");
        await using var informer = await StartedAsync();
        await _server.WaitForWatchesAsync();

        _server.SendBookmark(KubeResource.Pods);
        var expected = _server.ResourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await EventuallyAsync(() => informer.ResourceVersion == expected);

        _events.ShouldBe(["add a/p1"]);
        _server.Requests.Last(r => r.QueryValue("watch") == "true").QueryValue("allowWatchBookmarks").ShouldBe("true");
    }

    [Fact]
    public async Task Start_ListFailsTwice_RetriesWithBackoffThenSyncs()
    {
        Pod("a", "p1");
        _server.Fail("/api/v1/pods", 500, "InternalError", "etcd unavailable", method: "GET", times: 2);
        await using var informer = Informer();

        informer.Start();
        await informer.WaitForSyncAsync().WaitAsync(TimeSpan.FromSeconds(10));

        informer.Count.ShouldBe(1);
        _server.Requests.Count(r => r.QueryValue("watch") is null).ShouldBe(3);
    }

    [Fact]
    public async Task Start_FieldSelector_ListsAndWatchesOnlyMatchingPods()
    {
        Pod("a", "mine", node: "node-1");
        Pod("a", "other", node: "node-2");
        await using var informer = Informer(Fast with { FieldSelector = "spec.nodeName=node-1" });
        informer.Start();
        await informer.WaitForSyncAsync().WaitAsync(TimeSpan.FromSeconds(10));
        await _server.WaitForWatchesAsync();

        Pod("b", "mine-too", node: "node-1");
        Pod("b", "not-mine", node: "node-2");
        await EventuallyAsync(() => _events.Contains("add b/mine-too"));

        informer.List().Select(p => p.Metadata.Name).Order().ShouldBe(["mine", "mine-too"]);
        _server.Requests.ShouldAllBe(r => r.QueryValue("fieldSelector") == "spec.nodeName=node-1");
    }

    [Fact]
    public async Task Resync_Period_CallsOnUpdateWithTheSameObject()
    {
        Pod("a", "p1");
        await using var informer = Informer(Fast with { ResyncPeriod = TimeSpan.FromMilliseconds(100) });
        informer.Start();
        await informer.WaitForSyncAsync().WaitAsync(TimeSpan.FromSeconds(10));

        await EventuallyAsync(() => _events.Count(e => e == "resync a/p1") >= 2);
    }

    [Fact]
    public async Task AddHandler_AfterSync_ReplaysCurrentObjectsAsAdds()
    {
        Pod("a", "p1");
        await using var informer = await StartedAsync();
        var late = new List<string>();

        informer.AddHandler(new KubeInformerHandler<Pod>(OnAdd: p => late.Add(p.Metadata.Name!)));

        late.ShouldBe(["p1"]);
    }

    [Fact]
    public async Task Handler_Throws_InformerKeepsRunning()
    {
        await using var informer = Informer();
        informer.AddHandler(new KubeInformerHandler<Pod>(OnAdd: _ => throw new InvalidOperationException("boom")));
        informer.Start();
        await informer.WaitForSyncAsync().WaitAsync(TimeSpan.FromSeconds(10));
        await _server.WaitForWatchesAsync();

        Pod("a", "p1");
        Pod("a", "p2");
        await EventuallyAsync(() => _events.Count == 2);
    }

    private async Task<KubeInformer<Pod>> StartedAsync()
    {
        var informer = Informer();
        informer.Start();
        await informer.WaitForSyncAsync().WaitAsync(TimeSpan.FromSeconds(10));
        return informer;
    }

    private KubeInformer<Pod> Informer(KubeInformerOptions? options = null)
    {
        var informer = new KubeInformer<Pod>(_client, KubeResourceTypes.Pods, options ?? Fast);
        informer.AddHandler(new KubeInformerHandler<Pod>(
            OnAdd: p => _events.Enqueue($"add {p.Metadata.Namespace}/{p.Metadata.Name}"),
            OnUpdate: (o, n) => _events.Enqueue(ReferenceEquals(o, n) ? $"resync {n.Metadata.Namespace}/{n.Metadata.Name}" : $"update {n.Metadata.Namespace}/{n.Metadata.Name}"),
            OnDelete: p => _events.Enqueue($"delete {p.Metadata.Namespace}/{p.Metadata.Name}")));
        return informer;
    }

    private void Pod(string ns, string name, Dictionary<string, string>? labels = null, string? node = null, bool notify = true) =>
        _server.Upsert(KubeResource.Pods, KubeClientOperationTests.PodJson(ns, name, node, labels), notify);

    private static async Task EventuallyAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("condition not met within 10 s");
            }

            await Task.Delay(10);
        }
    }
}
