namespace Netguard.Core.Kube.Client;

/// <summary>Query of a watch call.</summary>
public sealed record WatchOptions
{
    public string? LabelSelector { get; init; }
    public string? FieldSelector { get; init; }

    /// <summary>Start after this resourceVersion; empty = synthetic ADDED events for current state first.</summary>
    public string? ResourceVersion { get; init; }

    public bool AllowWatchBookmarks { get; init; } = true;

    /// <summary>Server-side timeout after which the server ends the stream cleanly; null = server default.</summary>
    public int? TimeoutSeconds { get; init; }
}
