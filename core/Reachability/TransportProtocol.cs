namespace Netguard.Core.Reachability;

/// <summary>The layer-4 protocols a NetworkPolicy can name (TCP is the default everywhere).</summary>
public enum TransportProtocol
{
    Tcp,
    Udp,
    Sctp,
}
