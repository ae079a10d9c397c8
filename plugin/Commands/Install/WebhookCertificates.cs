namespace Netguard.Plugin.Commands.Install;

/// <summary>The webhook's TLS material as PEM: the CA (for caBundle and ca.crt), the serving certificate and its key.</summary>
public sealed record WebhookCertificates(string CaCertificatePem, string ServingCertificatePem, string ServingKeyPem)
{
    public required DateTimeOffset ServingNotAfter { get; init; }
}
