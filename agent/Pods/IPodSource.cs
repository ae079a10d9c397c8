using Netguard.Core.Kube.Models;

namespace Netguard.Agent.Pods;

/// <summary>The pods on this node: from the API server (watched) or from --pods-file (re-read on change).</summary>
public interface IPodSource
{
    /// <summary>The latest known pods (the last good state when the source is failing).</summary>
    IReadOnlyList<Pod> Current { get; }

    /// <summary>First load; a failure here is fatal (bad file, API unreachable at start).</summary>
    Task LoadAsync(CancellationToken cancellationToken);

    /// <summary>Keeps <see cref="Current"/> fresh and calls <paramref name="changed"/> after each change, until cancelled.</summary>
    Task WatchAsync(Action changed, CancellationToken cancellationToken);
}
