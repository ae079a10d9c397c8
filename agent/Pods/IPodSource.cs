using Netguard.Core.Kube.Models;

namespace Netguard.Agent.Pods;

/// <summary>The pods on this node: from the API server (watched) or from --pods-file (re-read on change).</summary>
public interface IPodSource
{
    /// <summary>The latest known pods (the last good state while the source is failing).</summary>
    IReadOnlyList<Pod> Current { get; }

    /// <summary>True once <see cref="Current"/> reflects the source; before that the agent must not program anything.</summary>
    bool Synced { get; }

    /// <summary>Begins loading (a file is read at once: a bad file throws here).</summary>
    Task StartAsync(CancellationToken cancellationToken);

    /// <summary>Waits until <see cref="Synced"/> (for --once and --dry-run, which need the pods before they can do anything).</summary>
    Task WaitForSyncAsync(CancellationToken cancellationToken);

    /// <summary>Keeps <see cref="Current"/> fresh and calls <paramref name="changed"/> after each change, until cancelled.</summary>
    Task WatchAsync(Action changed, CancellationToken cancellationToken);
}
