using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;

namespace Netguard.Core.Net;

/// <summary>Parses a listen flag (the webhook's --listen, the agent's --metrics-listen): "0.0.0.0:8443", "127.0.0.1:0", "[::]:8443", or ":8443" (all interfaces).</summary>
public static class ListenAddress
{
    public static bool TryParse(string? text, [NotNullWhen(true)] out IPEndPoint? endPoint)
    {
        endPoint = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        if (text.StartsWith(':'))
        {
            if (ushort.TryParse(text.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var port))
            {
                endPoint = new IPEndPoint(IPAddress.Any, port);
                return true;
            }

            return false;
        }

        // IPEndPoint.TryParse accepts a bare address (port 0); require the port to be written.
        var colon = text.LastIndexOf(':');
        if (colon < 0 || (text.Contains(']', StringComparison.Ordinal) && colon < text.IndexOf(']', StringComparison.Ordinal)))
        {
            return false;
        }

        return IPEndPoint.TryParse(text, out endPoint);
    }
}
