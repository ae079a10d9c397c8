using Netguard.Core.Kube.Models;
using Netguard.Core.Kube.Resources;

namespace Netguard.Core.Kube.Client;

/// <summary>
/// Typed operations on the Kubernetes API. <c>ns</c> is the namespace for namespaced resources
/// (null on a list/watch = all namespaces) and ignored for cluster-scoped ones. Errors are
/// <see cref="Errors.KubeException"/>s with one-line messages; cancellation is honoured everywhere.
/// </summary>
public interface IKubeClient
{
    /// <summary>The default namespace of the configuration (-n, else the context's, else "default").</summary>
    string DefaultNamespace { get; }

    /// <summary>The API server's URL.</summary>
    Uri Server { get; }

    Task<VersionInfo> GetVersionAsync(CancellationToken cancellationToken = default);

    Task<T> GetAsync<T>(KubeResourceType<T> type, string? ns, string name, CancellationToken cancellationToken = default)
        where T : class;

    /// <summary>Lists every page (limit/continue) and returns one list with the first page's resourceVersion.</summary>
    Task<KubeList<T>> ListAsync<T>(KubeResourceType<T> type, string? ns, ListOptions? options = null, CancellationToken cancellationToken = default)
        where T : class;

    /// <summary>Streams the pages of a list as they arrive.</summary>
    IAsyncEnumerable<KubeList<T>> ListPagesAsync<T>(KubeResourceType<T> type, string? ns, ListOptions? options = null, CancellationToken cancellationToken = default)
        where T : class;

    /// <summary>
    /// Watches until the server ends the stream (normal end of enumeration) or it fails. ERROR events
    /// throw <see cref="Errors.KubeApiException"/>; 410 Gone throws <see cref="Errors.KubeExpiredException"/> (list again).
    /// </summary>
    IAsyncEnumerable<KubeWatchEvent<T>> WatchAsync<T>(KubeResourceType<T> type, string? ns, WatchOptions? options = null, CancellationToken cancellationToken = default)
        where T : class;

    Task<T> CreateAsync<T>(KubeResourceType<T> type, string? ns, T item, WriteOptions? options = null, CancellationToken cancellationToken = default)
        where T : class;

    /// <summary>PUT; a stale metadata.resourceVersion throws <see cref="Errors.KubeConflictException"/>.</summary>
    Task<T> UpdateAsync<T>(KubeResourceType<T> type, string? ns, string name, T item, WriteOptions? options = null, CancellationToken cancellationToken = default)
        where T : class;

    Task<T> PatchAsync<T>(KubeResourceType<T> type, string? ns, string name, KubePatch patch, WriteOptions? options = null, CancellationToken cancellationToken = default)
        where T : class;

    Task DeleteAsync(KubeResource resource, string? ns, string name, DeleteOptions? options = null, CancellationToken cancellationToken = default);
}
