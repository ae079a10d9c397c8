using Microsoft.Extensions.Logging;
using Netguard.Agent.Files;
using Netguard.Agent.Logging;
using Netguard.Core.Kube.Models;
using Netguard.Core.Manifests;

namespace Netguard.Agent.Pods;

/// <summary>--pods-file: the file's pods, re-read when it changes; a broken new version keeps the last good pods.</summary>
public sealed class PodsFileSource(string path, FilePoller poller, ILogger logger) : IPodSource
{
    private IReadOnlyList<Pod> _current = [];
    private string _digest = "";

    public IReadOnlyList<Pod> Current => Volatile.Read(ref _current);

    public bool Synced { get; private set; }

    public Task WaitForSyncAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        string text;
        try
        {
            (text, _digest) = FilePoller.Read(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ManifestException($"pods file {path}: {e.Message}", e);
        }

        Volatile.Write(ref _current, PodsFile.Parse(text, path));
        Synced = true;
        return Task.CompletedTask;
    }

    public Task WatchAsync(Action changed, CancellationToken cancellationToken) =>
        poller.RunAsync(_digest, text =>
        {
            try
            {
                Volatile.Write(ref _current, PodsFile.Parse(text, path));
                changed();
            }
            catch (ManifestException e)
            {
                AgentLog.PodsFileRejected(logger, e.Message);
            }
        }, cancellationToken);
}
