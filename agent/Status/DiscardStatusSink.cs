namespace Netguard.Agent.Status;

/// <summary>No --status-file and no node name to annotate: the status goes to /metrics and the log only.</summary>
public sealed class DiscardStatusSink : IStatusSink
{
    public Task WriteAsync(string json, CancellationToken cancellationToken) => Task.CompletedTask;
}
