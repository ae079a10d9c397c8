using System.Globalization;

namespace Netguard.Core.Reachability;

/// <summary>
/// The port of a probe: a number or a container-port name (resolved on the destination pod), with an
/// optional protocol. <c>80</c>, <c>80/TCP</c>, <c>53/udp</c>, <c>http</c>, <c>dns/UDP</c>.
/// A number without protocol means TCP; a name without protocol takes the protocol of the port it names.
/// </summary>
public sealed record ProbePort
{
    private ProbePort(int? number, string? name, TransportProtocol? protocol)
    {
        Number = number;
        Name = name;
        Protocol = protocol;
    }

    public int? Number { get; }

    public string? Name { get; }

    public TransportProtocol? Protocol { get; }

    public static ProbePort Numeric(int number, TransportProtocol protocol = TransportProtocol.Tcp)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(number, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(number, 65535);
        return new(number, null, protocol);
    }

    public static ProbePort Named(string name, TransportProtocol? protocol = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return new(null, name, protocol);
    }

    public static bool TryParse(string? text, out ProbePort port, out string error)
    {
        port = Numeric(1);
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "empty port (want e.g. 80, 80/TCP, 53/UDP or a port name)";
            return false;
        }

        var slash = text.IndexOf('/', StringComparison.Ordinal);
        var portText = slash < 0 ? text : text[..slash];
        TransportProtocol? protocol = null;
        if (slash >= 0)
        {
            var protocolText = text[(slash + 1)..];
            if (!TransportProtocolNames.TryParse(protocolText, ignoreCase: true, out var p))
            {
                error = $"unknown protocol \"{protocolText}\" in port \"{text}\" (want TCP, UDP or SCTP)";
                return false;
            }

            protocol = p;
        }

        if (portText.Length > 0 && portText.All(char.IsAsciiDigit))
        {
            if (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n is < 1 or > 65535)
            {
                error = $"port {portText} is out of range 1-65535";
                return false;
            }

            port = Numeric(n, protocol ?? TransportProtocol.Tcp);
            error = "";
            return true;
        }

        if (!PortNames.IsValid(portText))
        {
            error = $"\"{portText}\" is neither a port number nor a valid port name";
            return false;
        }

        port = Named(portText, protocol);
        error = "";
        return true;
    }

    public override string ToString()
    {
        var p = Number?.ToString(CultureInfo.InvariantCulture) ?? Name!;
        return Protocol is { } proto ? $"{p}/{proto.ToApiString()}" : p;
    }
}
