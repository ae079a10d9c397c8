namespace Netguard.Core.Kube.Http;

/// <summary>
/// With tls-server-name, SocketsHttpHandler takes the TLS server name (SNI and the name it checks) from
/// the Host header, so the header carries that name; the API server ignores Host.
/// </summary>
internal sealed class TlsServerNameHandler : DelegatingHandler
{
    private readonly string _host;

    public TlsServerNameHandler(string serverName, int port, HttpMessageHandler inner)
        : base(inner)
    {
        _host = serverName.Contains(':', StringComparison.Ordinal) ? $"[{serverName}]:{port}" : $"{serverName}:{port}";
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Host = _host;
        return base.SendAsync(request, cancellationToken);
    }
}
