using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Netguard.Webhook.Tls;

/// <summary>A serving certificate with its key and the TLS context built from it once (chain included).</summary>
public sealed record LoadedCertificate(X509Certificate2 Certificate, SslStreamCertificateContext Context)
{
    public DateTimeOffset NotBefore => new(Certificate.NotBefore.ToUniversalTime());

    public DateTimeOffset NotAfter => new(Certificate.NotAfter.ToUniversalTime());

    public string Sha256 => Certificate.GetCertHashString(System.Security.Cryptography.HashAlgorithmName.SHA256);
}
