using Microsoft.Extensions.Logging;
using Netguard.Agent.Files;
using Netguard.Agent.Logging;
using Netguard.Core.Kube.Models;
using Netguard.Core.Manifests;

namespace Netguard.Agent.Pods;

/// <summary>
/// --pods-file: the file's pods, re-read when it changes; a broken new version keeps the last good pods.
/// With a node name (--node-name or $NODE_NAME) only pods whose spec.nodeName is that node are used, as the
/// API source selects them; a pod without spec.nodeName is not scheduled, so it is not on this node either.
/// </summary>
public sealed class PodsFileSource(string path, string? nodeName, FilePoller poller, ILogger logger) : IPodSource
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

        Volatile.Write(ref _current, OnThisNode(PodsFile.Parse(text, path)));
        Synced = true;
        return Task.CompletedTask;
    }

    public Task WatchAsync(Action changed, CancellationToken cancellationToken) =>
        poller.RunAsync(_digest, text =>
        {
            try
            {
                Volatile.Write(ref _current, OnThisNode(PodsFile.Parse(text, path)));
                changed();
            }
            catch (ManifestException e)
            {
                AgentLog.PodsFileRejected(logger, e.Message);
            }
        }, cancellationToken);

    private IReadOnlyList<Pod> OnThisNode(IReadOnlyList<Pod> pods)
    {
        if (nodeName is null)
        {
            return pods;
        }

        var kept = pods.Where(p => p.Spec?.NodeName == nodeName).ToList();
        if (kept.Count < pods.Count)
        {
            // Said once per read, so a file written for another node (or without nodeName) is not silently empty.
            AgentLog.PodsFileOtherNodes(logger, path, pods.Count - kept.Count, nodeName);
        }

        return kept;
    }
}
