using System.Security.Cryptography.X509Certificates;

namespace Netguard.Core.Kube.Auth;

/// <summary>What one request authenticates with: an Authorization header value and/or a client certificate.</summary>
internal sealed record KubeCredential(string? Authorization, X509Certificate2? ClientCertificate)
{
    public static KubeCredential None { get; } = new(null, null);
}
