namespace Netguard.Core.Reachability;

/// <summary>
/// Pod-to-pod verdicts on one port: row = source, column = destination, both indexing <see cref="Pods"/>.
/// With a named port, <see cref="DestinationPorts"/> says what it resolved to on each destination
/// (null: the destination has no such port, and its column has no verdicts).
/// </summary>
public sealed class ReachabilityMatrix
{
    private readonly bool[] _allowed;

    internal ReachabilityMatrix(ProbePort port, IReadOnlyList<PodEndpoint> pods, IReadOnlyList<PodContainerPort?> destinationPorts, bool[] allowed)
    {
        Port = port;
        Pods = pods;
        DestinationPorts = destinationPorts;
        _allowed = allowed;
    }

    public ProbePort Port { get; }

    public IReadOnlyList<PodEndpoint> Pods { get; }

    /// <summary>Per destination (column): the port number and protocol probed, or null when it has no such named port.</summary>
    public IReadOnlyList<PodContainerPort?> DestinationPorts { get; }

    public bool IsAllowed(int from, int to) => _allowed[(from * Pods.Count) + to];

    public bool HasPort(int to) => DestinationPorts[to] is not null;

    public int AllowedCount => _allowed.Count(a => a);
}
