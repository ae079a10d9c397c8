using Netguard.Core.Kube.Client;
using Netguard.Core.Kube.Config;
using Netguard.Core.Kube.Errors;
using Netguard.Core.Kube.Models;
using Netguard.Core.Kube.Resources;
using Netguard.Testing.FakeApiServer;

namespace Netguard.Core.Tests.Kube.Client;

public sealed class KubeClientWatchTests : IAsyncLifetime, IDisposable
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
    public async Task WatchAsync_FromListResourceVersion_YieldsLaterChangesInOrder()
    {
        _server.Upsert(KubeResource.Pods, KubeClientOperationTests.PodJson("web", "old"));
        var list = await _client.ListAsync(KubeResourceTypes.Pods, "web");
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var events = new List<KubeWatchEvent<Pod>>();
        var watching = Task.Run(async () =>
        {
            await foreach (var e in _client.WatchAsync(KubeResourceTypes.Pods, "web", new WatchOptions { ResourceVersion = list.Metadata!.ResourceVersion }, cts.Token))
            {
                events.Add(e);
                if (events.Count == 3)
                {
                    break;
                }
            }
        });
        await _server.WaitForWatchesAsync();

        _server.Upsert(KubeResource.Pods, KubeClientOperationTests.PodJson("web", "new"));
        _server.Upsert(KubeResource.Pods, KubeClientOperationTests.PodJson("web", "old"));
        _server.Remove(KubeResource.Pods, "web", "new");
        await watching;

        events.Select(e => (e.Type, e.Object.Metadata.Name)).ShouldBe([(WatchEventType.Added, "new"), (WatchEventType.Modified, "old"), (WatchEventType.Deleted, "new")]);
        events[2].ResourceVersion.ShouldBe(_server.ResourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var request = _server.Requests[^1];
        request.QueryValue("watch").ShouldBe("true");
        request.QueryValue("allowWatchBookmarks").ShouldBe("true");
        request.QueryValue("resourceVersion").ShouldBe(list.Metadata!.ResourceVersion);
    }

    [Fact]
    public async Task WatchAsync_Bookmark_CarriesResourceVersion()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var watch = _client.WatchAsync(KubeResourceTypes.Pods, "web", new WatchOptions { ResourceVersion = _server.ResourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture) }, cts.Token).GetAsyncEnumerator(cts.Token);
        var next = watch.MoveNextAsync();
        await _server.WaitForWatchesAsync();

        _server.SendBookmark(KubeResource.Pods);

        (await next).ShouldBeTrue();
        watch.Current.Type.ShouldBe(WatchEventType.Bookmark);
        watch.Current.ResourceVersion.ShouldBe(_server.ResourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await watch.DisposeAsync();
    }

    [Fact]
    public async Task WatchAsync_CompactedResourceVersion_ThrowsExpired()
    {
        _server.Upsert(KubeResource.Pods, KubeClientOperationTests.PodJson("web", "a"));
        _server.Compact();

        var e = await Should.ThrowAsync<KubeExpiredException>(async () =>
        {
            await foreach (var _ in _client.WatchAsync(KubeResourceTypes.Pods, "web", new WatchOptions { ResourceVersion = "1" }))
            {
            }
        });

        e.StatusCode.ShouldBe(410);
        e.Reason.ShouldBe("Expired");
    }

    [Fact]
    public async Task WatchAsync_ErrorEvent_ThrowsTypedApiError()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var watching = Task.Run(async () =>
        {
            await foreach (var _ in _client.WatchAsync(KubeResourceTypes.Pods, null, cancellationToken: cts.Token))
            {
            }
        });
        await _server.WaitForWatchesAsync();

        _server.SendWatchError(500, "InternalError", "etcd is sad");

        var e = await Should.ThrowAsync<KubeApiException>(() => watching);
        e.StatusCode.ShouldBe(500);
        e.Message.ShouldBe("etcd is sad");
    }

    [Fact]
    public async Task WatchAsync_ServerEndsStream_EnumerationCompletes()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var watching = Task.Run(async () =>
        {
            var count = 0;
            await foreach (var _ in _client.WatchAsync(KubeResourceTypes.Pods, null, cancellationToken: cts.Token))
            {
                count++;
            }

            return count;
        });
        await _server.WaitForWatchesAsync();

        _server.EndWatches();

        (await watching).ShouldBe(0);
    }

    [Fact]
    public async Task WatchAsync_ConnectionCut_ThrowsConnectionError()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var watching = Task.Run(async () =>
        {
            await foreach (var _ in _client.WatchAsync(KubeResourceTypes.Pods, null, cancellationToken: cts.Token))
            {
            }
        });
        await _server.WaitForWatchesAsync();

        _server.DisconnectWatches();

        var e = await Should.ThrowAsync<KubeConnectionException>(() => watching);
        e.Message.ShouldStartWith($"connection to https://127.0.0.1:{_server.Url.Port} lost");
    }

    [Fact]
    public async Task WatchAsync_Cancelled_StopsWithoutError()
    {
        using var cts = new CancellationTokenSource();
        var watching = Task.Run(async () =>
        {
            await foreach (var _ in _client.WatchAsync(KubeResourceTypes.Pods, null, cancellationToken: cts.Token))
            {
            }
        });
        await _server.WaitForWatchesAsync();

        await cts.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(() => watching);
    }
}
