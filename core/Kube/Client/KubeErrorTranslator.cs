using System.Net.Sockets;
using System.Security.Authentication;
using System.Text.Json;
using Netguard.Core.Kube.Errors;
using Netguard.Core.Kube.Http;
using Netguard.Core.Kube.Models;

namespace Netguard.Core.Kube.Client;

/// <summary>Turns transport failures and error responses into the one-line <see cref="KubeException"/>s users see.</summary>
internal static class KubeErrorTranslator
{
    public static KubeConnectionException Connection(Exception e, Uri server, ServerCertificateValidator validator)
    {
        var display = server.GetLeftPart(UriPartial.Authority);
        for (var inner = e; inner is not null; inner = inner.InnerException)
        {
            switch (inner)
            {
                case SocketException { SocketErrorCode: SocketError.ConnectionRefused }:
                    return new KubeConnectionException($"connection refused to {display}", server, innerException: e);
                case SocketException { SocketErrorCode: SocketError.HostNotFound or SocketError.TryAgain or SocketError.NoData }:
                    return new KubeConnectionException($"no such host \"{server.Host}\" ({display})", server, innerException: e);
                case SocketException { SocketErrorCode: SocketError.TimedOut }:
                    return new KubeConnectionException($"connection to {display} timed out", server, isTimeout: true, innerException: e);
                case SocketException { SocketErrorCode: SocketError.NetworkUnreachable or SocketError.HostUnreachable } s:
                    return new KubeConnectionException($"{s.Message.ToLowerInvariant()} ({display})", server, innerException: e);
                case AuthenticationException auth:
                    var reason = validator.LastFailure ?? "TLS handshake failed: " + auth.Message;
                    return new KubeConnectionException($"{reason} ({display})", server, innerException: e);
                case HttpRequestException { HttpRequestError: HttpRequestError.ProxyTunnelError }:
                    return new KubeConnectionException($"the proxy refused to connect to {display}", server, innerException: e);
                default:
                    break;
            }
        }

        var message = e is HttpRequestException { HttpRequestError: HttpRequestError.ResponseEnded or HttpRequestError.HttpProtocolError } || e is IOException
            ? $"connection to {display} lost: {Innermost(e).Message.TrimEnd('.')}"
            : $"cannot reach {display}: {Innermost(e).Message.TrimEnd('.')}";
        return new KubeConnectionException(message.ReplaceLineEndings(" "), server, innerException: e, isDropped: IsDropped(e));
    }

    private static bool IsDropped(Exception e)
    {
        for (Exception? inner = e; inner is not null; inner = inner.InnerException)
        {
            switch (inner)
            {
                case SocketException socket:
                    return socket.SocketErrorCode is SocketError.ConnectionReset or SocketError.ConnectionAborted;
                case HttpRequestException { HttpRequestError: HttpRequestError.ResponseEnded }:
                    return true;
                case IOException when inner.InnerException is null:
                    return true; // "unexpected EOF or 0 bytes from the transport stream"
            }
        }

        return false;
    }

    public static KubeConnectionException Timeout(TimeSpan timeout, HttpMethod method, Uri uri) =>
        new($"request timed out after {Format(timeout)} ({method} {uri.GetLeftPart(UriPartial.Path)})", uri, isTimeout: true);

    public static KubeApiException Api(int statusCode, string body)
    {
        ApiStatus? status = null;
        if (body.Length > 0 && body.TrimStart().StartsWith('{'))
        {
            try
            {
                status = JsonSerializer.Deserialize(body, KubeJsonContext.Default.ApiStatus);
                if (status?.Kind is not null and not "Status")
                {
                    status = null;
                }
            }
            catch (JsonException)
            {
                status = null;
            }
        }

        status ??= new ApiStatus
        {
            Kind = "Status",
            ApiVersion = "v1",
            Status = "Failure",
            Code = statusCode,
            Message = PlainMessage(statusCode, body),
        };
        return KubeApiException.From(status, statusCode);
    }

    private static string? PlainMessage(int statusCode, string body)
    {
        // Non-Status bodies (a proxy's HTML, a plain-text 404) are not worth repeating; keep short text.
        var text = body.Trim();
        if (text.Length == 0 || text.Length > 200 || text.StartsWith('<') || text.Contains('\n', StringComparison.Ordinal))
        {
            return KubeApiException.DefaultMessage(statusCode);
        }

        return statusCode == 404 ? KubeApiException.DefaultMessage(statusCode) : text;
    }

    private static Exception Innermost(Exception e)
    {
        while (e.InnerException is not null)
        {
            e = e.InnerException;
        }

        return e;
    }

    private static string Format(TimeSpan t) =>
        t.TotalSeconds >= 1 && t.Milliseconds == 0 ? $"{t.TotalSeconds:0}s" : $"{t.TotalMilliseconds:0}ms";
}
