namespace Netguard.Core.Kube.Informers;

/// <summary>What an informer watches and how it paces itself.</summary>
public sealed record KubeInformerOptions
{
    /// <summary>Namespace to watch; null = all namespaces (or a cluster-scoped resource).</summary>
    public string? Namespace { get; init; }

    public string? LabelSelector { get; init; }

    /// <summary>e.g. "spec.nodeName=node-1" for the agent's pods.</summary>
    public string? FieldSelector { get; init; }

    /// <summary>Every period, OnUpdate(obj, obj) is called for every cached object; null = never.</summary>
    public TimeSpan? ResyncPeriod { get; init; }

    /// <summary>Page size of the initial list and relists.</summary>
    public int PageSize { get; init; } = 500;

    /// <summary>First retry delay after a failed list/watch; grows exponentially with jitter.</summary>
    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromMilliseconds(800);

    /// <summary>Cap of the retry delay.</summary>
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>At most one watch (re)connection per this interval, even when streams end at once.</summary>
    public TimeSpan MinReconnectInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Server-side watch timeout; each watch asks for a random value between this and twice this (client-go's spread).</summary>
    public TimeSpan WatchTimeout { get; init; } = TimeSpan.FromMinutes(5);
}
