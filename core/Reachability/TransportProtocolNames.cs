namespace Netguard.Core.Reachability;

/// <summary>Spelling of <see cref="TransportProtocol"/> as the Kubernetes API writes it (TCP, UDP, SCTP).</summary>
public static class TransportProtocolNames
{
    public static string ToApiString(this TransportProtocol protocol) => protocol switch
    {
        TransportProtocol.Tcp => "TCP",
        TransportProtocol.Udp => "UDP",
        TransportProtocol.Sctp => "SCTP",
        _ => throw new ArgumentOutOfRangeException(nameof(protocol)),
    };

    /// <summary>
    /// Parses a protocol name. The API accepts only the upper-case spelling; command-line input may
    /// pass <paramref name="ignoreCase"/>.
    /// </summary>
    public static bool TryParse(string? text, bool ignoreCase, out TransportProtocol protocol)
    {
        var comparison = ignoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        foreach (var candidate in (ReadOnlySpan<TransportProtocol>)[TransportProtocol.Tcp, TransportProtocol.Udp, TransportProtocol.Sctp])
        {
            if (string.Equals(text, candidate.ToApiString(), comparison))
            {
                protocol = candidate;
                return true;
            }
        }

        protocol = TransportProtocol.Tcp;
        return false;
    }
}
