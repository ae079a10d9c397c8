using Netguard.Core.Cluster;

namespace Netguard.Webhook.Cluster;

/// <summary>
/// The cluster state the rules see, kept current in the background. <see cref="Snapshot"/> is read on every
/// request and must be cheap: implementations publish an immutable snapshot, never build one per request.
/// </summary>
public interface IClusterState
{
    IClusterSnapshot Snapshot { get; }

    /// <summary>True once every cache has completed its initial list (gates /readyz).</summary>
    bool IsSynced { get; }

    IReadOnlyList<CacheStatus> Caches { get; }
}
