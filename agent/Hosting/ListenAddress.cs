using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;

namespace Netguard.Agent.Hosting;

/// <summary>--metrics-listen: "0.0.0.0:9469", "127.0.0.1:0", "[::]:9469" or ":9469" (all interfaces).</summary>
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
            var ok = ushort.TryParse(text.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var port);
            endPoint = ok ? new IPEndPoint(IPAddress.Any, port) : null;
            return ok;
        }

        var colon = text.LastIndexOf(':');
        var bracket = text.IndexOf(']', StringComparison.Ordinal);
        return colon > 0 && (bracket < 0 || colon > bracket) && IPEndPoint.TryParse(text, out endPoint);
    }
}
