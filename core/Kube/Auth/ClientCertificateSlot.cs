using System.Security.Cryptography.X509Certificates;

namespace Netguard.Core.Kube.Auth;

/// <summary>
/// The client certificate the TLS layer presents: fixed from the kubeconfig, or replaced when an exec
/// plugin hands out a new one (requests after the change go through a new connection pool).
/// </summary>
internal sealed class ClientCertificateSlot
{
    private volatile X509Certificate2? _current;

    public ClientCertificateSlot(X509Certificate2? initial) => _current = initial;

    public X509Certificate2? Current => _current;

    public void Set(X509Certificate2 certificate) => _current = certificate;
}
