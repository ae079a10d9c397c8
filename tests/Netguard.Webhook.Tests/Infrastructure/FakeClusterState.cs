using Netguard.Core.Cluster;
using Netguard.Webhook.Cluster;

namespace Netguard.Webhook.Tests.Infrastructure;

/// <summary>A cluster state whose sync status and snapshot the test sets.</summary>
internal sealed class FakeClusterState : IClusterState
{
    private volatile IReadOnlyList<CacheStatus> _caches =
        new[] { "nodes", "namespaces", "pods", "networkpolicies" }.Select(r => new CacheStatus(r, false, 0)).ToList();

    public IClusterSnapshot Snapshot { get; set; } = ClusterSnapshot.Empty;

    public bool IsSynced => _caches.All(c => c.Synced);

    public IReadOnlyList<CacheStatus> Caches => _caches;

    public void Sync(string resource, int objects) =>
        _caches = _caches.Select(c => c.Resource == resource ? c with { Synced = true, Objects = objects } : c).ToList();
}
