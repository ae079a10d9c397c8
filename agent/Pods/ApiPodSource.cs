using Microsoft.Extensions.Logging;
using Netguard.Core.Kube.Client;
using Netguard.Core.Kube.Informers;
using Netguard.Core.Kube.Models;
using Netguard.Core.Kube.Resources;

namespace Netguard.Agent.Pods;

/// <summary>
/// The node's pods from the API server: a list+watch (the core informer) of pods with spec.nodeName=NODE in
/// every namespace. While the API server is unreachable the informer retries with backoff and the cache
/// keeps the last known pods, so the kernel keeps its last state instead of losing every pod's class.
/// </summary>
public sealed class ApiPodSource(IKubeClient client, string nodeName, TimeProvider time, ILogger logger) : IPodSource, IAsyncDisposable
{
    private readonly KubeInformer<Pod> _informer = new(client, KubeViewResourceTypes.Pods,
        new KubeInformerOptions { FieldSelector = "spec.nodeName=" + nodeName }, logger, time);

    private Action? _changed;

    public IReadOnlyList<Pod> Current => _informer.List();

    public bool Synced => _informer.HasSynced;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _informer.AddHandler(new KubeInformerHandler<Pod>(
            OnAdd: _ => Changed(),
            OnUpdate: (_, _) => Changed(),
            OnDelete: _ => Changed()));
        _informer.Start();
        return Task.CompletedTask;
    }

    public Task WaitForSyncAsync(CancellationToken cancellationToken) => _informer.WaitForSyncAsync(cancellationToken);

    public async Task WatchAsync(Action changed, CancellationToken cancellationToken)
    {
        Volatile.Write(ref _changed, changed);
        if (_informer.HasSynced)
        {
            changed();
        }
        else
        {
            await _informer.WaitForSyncAsync(cancellationToken);
            changed();
        }

        await Task.Delay(Timeout.Infinite, cancellationToken);
    }

    public ValueTask DisposeAsync() => _informer.DisposeAsync();

    private void Changed() => Volatile.Read(ref _changed)?.Invoke();
}
