using System.Net;

namespace Netguard.Core.Reachability;

/// <summary>
/// The answer to "can <see cref="From"/> reach <see cref="To"/> on <see cref="Port"/>/<see cref="Protocol"/>":
/// allowed when the source's egress side and the destination's ingress side both allow it.
/// </summary>
public sealed record ReachVerdict(
    ReachEndpoint From,
    ReachEndpoint To,
    int Port,
    TransportProtocol Protocol,
    string? PortName,
    IPAddress? FromAddress,
    IPAddress? ToAddress,
    DirectionVerdict Egress,
    DirectionVerdict Ingress)
{
    public bool Allowed => Egress.Allowed && Ingress.Allowed;
}
