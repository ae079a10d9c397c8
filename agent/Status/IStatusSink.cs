namespace Netguard.Agent.Status;

/// <summary>Where the agent's status JSON goes: the Node annotation, or a file.</summary>
public interface IStatusSink
{
    Task WriteAsync(string json, CancellationToken cancellationToken);
}
