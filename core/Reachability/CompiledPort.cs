namespace Netguard.Core.Reachability;

/// <summary>
/// One entry of a rule's ports: every port of a protocol (<see cref="From"/> null, no name), a numeric
/// range <see cref="From"/>..<see cref="To"/> (endPort inclusive; a single port has From == To), or a
/// container-port name resolved on the destination pod by name and protocol.
/// </summary>
internal sealed record CompiledPort(TransportProtocol Protocol, int? From, int? To, string? Name)
{
    public bool Allows(int number, TransportProtocol protocol, PodEndpoint? destination)
    {
        if (protocol != Protocol)
        {
            return false;
        }

        if (Name is not null)
        {
            return destination?.FindPort(Name, Protocol)?.Number == number;
        }

        return From is null || (number >= From && number <= To);
    }
}
