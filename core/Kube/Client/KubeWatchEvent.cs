namespace Netguard.Core.Kube.Client;

/// <summary>One watch event with its object and the object's metadata.resourceVersion.</summary>
public sealed record KubeWatchEvent<T>(WatchEventType Type, T Object, string? ResourceVersion)
    where T : class;
