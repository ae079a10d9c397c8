namespace Netguard.Core.Kube.Informers;

/// <summary>
/// Callbacks of an informer, called one at a time in event order. Keep them fast (enqueue work
/// elsewhere); an exception is logged and does not stop the informer.
/// </summary>
public sealed record KubeInformerHandler<T>(
    Action<T>? OnAdd = null,
    Action<T, T>? OnUpdate = null,
    Action<T>? OnDelete = null)
    where T : class;
