using System.Security.Cryptography.X509Certificates;
using Netguard.Core.Kube.Auth;

namespace Netguard.Core.Kube.Http;

/// <summary>
/// Sends through a connection pool bound to the current client certificate. When an exec plugin hands
/// out a new certificate, later requests go through a fresh pool (as client-go closes its connections
/// on rotation); the old pool keeps serving the requests already on it until the client is disposed.
/// </summary>
internal sealed class CertificateRotatingHandler : HttpMessageHandler
{
    private readonly Func<X509Certificate2?, HttpMessageHandler> _createPool;
    private readonly ClientCertificateSlot _slot;
    private readonly Lock _gate = new();
    private readonly List<HttpMessageInvoker> _retired = [];
    private HttpMessageInvoker _current;
    private X509Certificate2? _boundTo;

    public CertificateRotatingHandler(ClientCertificateSlot slot, Func<X509Certificate2?, HttpMessageHandler> createPool)
    {
        _slot = slot;
        _createPool = createPool;
        _boundTo = slot.Current;
        _current = new HttpMessageInvoker(createPool(_boundTo), disposeHandler: true);
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        HttpMessageInvoker invoker;
        lock (_gate)
        {
            var wanted = _slot.Current;
            if (!ReferenceEquals(wanted, _boundTo))
            {
                _retired.Add(_current);
                _current = new HttpMessageInvoker(_createPool(wanted), disposeHandler: true);
                _boundTo = wanted;
            }

            invoker = _current;
        }

        return invoker.SendAsync(request, cancellationToken);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            lock (_gate)
            {
                _current.Dispose();
                foreach (var old in _retired)
                {
                    old.Dispose();
                }

                _retired.Clear();
            }
        }

        base.Dispose(disposing);
    }
}
