using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Netguard.Core.Cluster;
using Netguard.Core.Kube.Client;
using Netguard.Core.Kube.Informers;
using Netguard.Core.Kube.Models;
using Netguard.Core.Kube.Resources;
using Netguard.Webhook.Logging;

namespace Netguard.Webhook.Cluster;

/// <summary>
/// Watch-based caches of Nodes, Namespaces, Pods and NetworkPolicies (core informers), published to the
/// rules as an immutable <see cref="ClusterSnapshot"/>. Changes mark the snapshot stale; it is rebuilt in the
/// background at most once per <see cref="RebuildInterval"/>, so a burst of watch events costs one rebuild
/// and a request never builds anything: it reads the last published snapshot. A kind whose cache has not
/// synced yet is published as unknown (its Has* flag false), never as "there are none".
/// </summary>
public sealed class InformerClusterState : IClusterState, IHostedService, IAsyncDisposable
{
    /// <summary>Upper bound on how stale the published snapshot is behind the caches.</summary>
    public static readonly TimeSpan RebuildInterval = TimeSpan.FromMilliseconds(50);

    private readonly KubeInformer<Node> _nodes;
    private readonly KubeInformer<Namespace> _namespaces;
    private readonly KubeInformer<Pod> _pods;
    private readonly KubeInformer<NetworkPolicy> _policies;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _changed = new(0, 1);
    private readonly CancellationTokenSource _stop = new();
    private ClusterSnapshot _snapshot = ClusterSnapshot.Create();
    private Task? _publisher;
    private int _pending;
    private int _disposed;

    public InformerClusterState(IKubeClient client, ILoggerFactory loggers, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(loggers);
        _logger = loggers.CreateLogger<InformerClusterState>();
        _time = time;
        var informerLogger = loggers.CreateLogger("Netguard.Webhook.Cluster.Informer");
        _nodes = new KubeInformer<Node>(client, KubeViewResourceTypes.Nodes, null, informerLogger, time);
        _namespaces = new KubeInformer<Namespace>(client, KubeViewResourceTypes.Namespaces, null, informerLogger, time);

        // Finished pods hold no address and take part in no rule; not caching them saves memory and churn.
        _pods = new KubeInformer<Pod>(client, KubeViewResourceTypes.Pods,
            new KubeInformerOptions { FieldSelector = "status.phase!=Succeeded,status.phase!=Failed" }, informerLogger, time);
        _policies = new KubeInformer<NetworkPolicy>(client, KubeViewResourceTypes.NetworkPolicies, null, informerLogger, time);
    }

    public IClusterSnapshot Snapshot => Volatile.Read(ref _snapshot);

    /// <summary>Ready means the snapshot requests read knows every kind, not merely that the caches listed.</summary>
    public bool IsSynced
    {
        get
        {
            var s = Snapshot;
            return s.HasNodes && s.HasNamespaces && s.HasPods && s.HasNetworkPolicies;
        }
    }

    public IReadOnlyList<CacheStatus> Caches =>
    [
        new("nodes", _nodes.HasSynced, _nodes.Count),
        new("namespaces", _namespaces.HasSynced, _namespaces.Count),
        new("pods", _pods.HasSynced, _pods.Count),
        new("networkpolicies", _policies.HasSynced, _policies.Count),
    ];

    public Task StartAsync(CancellationToken cancellationToken)
    {
        Watch(_nodes, "nodes");
        Watch(_namespaces, "namespaces");
        Watch(_pods, "pods");
        Watch(_policies, "networkpolicies");
        _publisher = Task.Run(() => PublishAsync(_stop.Token), CancellationToken.None);
        _ = Task.WhenAll(_nodes.WaitForSyncAsync(_stop.Token), _namespaces.WaitForSyncAsync(_stop.Token), _pods.WaitForSyncAsync(_stop.Token), _policies.WaitForSyncAsync(_stop.Token))
            .ContinueWith(t => { if (t.IsCompletedSuccessfully) { WebhookLog.AllCachesSynced(_logger); } }, TaskScheduler.Default);

        // Returns at once: /readyz reports the sync, the server must answer health checks meanwhile.
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stop.CancelAsync();
        if (_publisher is not null)
        {
            await _publisher.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    // Idempotent: the container disposes it once per registration (state, IClusterState, hosted service).
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stop.CancelAsync();
        await _nodes.DisposeAsync();
        await _namespaces.DisposeAsync();
        await _pods.DisposeAsync();
        await _policies.DisposeAsync();
        _stop.Dispose();
        _changed.Dispose();
    }

    private void Watch<T>(KubeInformer<T> informer, string resource)
        where T : KubeObject
    {
        informer.AddHandler(new KubeInformerHandler<T>(_ => Changed(), (_, _) => Changed(), _ => Changed()));
        _ = informer.WaitForSyncAsync(_stop.Token).ContinueWith(
            t =>
            {
                if (t.IsCompletedSuccessfully)
                {
                    WebhookLog.CacheSynced(_logger, resource, informer.Count);
                    Changed(); // publish the kind as known, even when it has no objects
                }
            },
            TaskScheduler.Default);
        informer.Start();
    }

    // Called on the informers' threads: only flags the change; the publisher does the work.
    private void Changed()
    {
        if (Interlocked.Exchange(ref _pending, 1) == 0)
        {
            try
            {
                _changed.Release();
            }
            catch (SemaphoreFullException)
            {
                // A wake-up is already queued.
            }
        }
    }

    private async Task PublishAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await _changed.WaitAsync(cancellationToken);
                await Task.Delay(RebuildInterval, _time, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            // Clear first: a change during the rebuild schedules another one.
            Volatile.Write(ref _pending, 0);
            Volatile.Write(ref _snapshot, ClusterSnapshot.Create(
                _nodes.HasSynced ? _nodes.List() : null,
                _namespaces.HasSynced ? _namespaces.List() : null,
                _pods.HasSynced ? _pods.List() : null,
                _policies.HasSynced ? _policies.List() : null));
        }
    }
}
