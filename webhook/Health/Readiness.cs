using Netguard.Webhook.Cluster;

namespace Netguard.Webhook.Health;

/// <summary>
/// Whether the webhook should receive traffic: caches synced and not shutting down. During shutdown
/// /readyz fails first, so the Service stops sending new requests before the listener closes.
/// </summary>
public sealed class Readiness
{
    private readonly IClusterState _cluster;
    private volatile bool _stopping;

    public Readiness(IClusterState cluster)
    {
        _cluster = cluster;
    }

    public void MarkStopping() => _stopping = true;

    /// <summary>The reasons the webhook is not ready; empty when ready.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (_stopping)
        {
            problems.Add("shutting down");
        }

        if (!_cluster.IsSynced)
        {
            foreach (var cache in _cluster.Caches.Where(c => !c.Synced))
            {
                problems.Add($"cache {cache.Resource} not synced");
            }

            if (problems.Count == 0)
            {
                problems.Add("caches not synced");
            }
        }

        return problems;
    }
}
