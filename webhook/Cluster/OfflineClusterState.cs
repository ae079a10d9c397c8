using Netguard.Core.Cluster;

namespace Netguard.Webhook.Cluster;

/// <summary>--offline: no cluster. Rules see an empty snapshot whose Has* flags are false, so they judge the request alone.</summary>
public sealed class OfflineClusterState : IClusterState
{
    public IClusterSnapshot Snapshot => ClusterSnapshot.Empty;

    public bool IsSynced => true;

    public IReadOnlyList<CacheStatus> Caches => [];
}
