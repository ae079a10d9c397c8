namespace Netguard.Webhook.Cluster;

/// <summary>One watch cache: its resource (pods, nodes, …), whether it has synced, and how many objects it holds.</summary>
public sealed record CacheStatus(string Resource, bool Synced, int Objects);
