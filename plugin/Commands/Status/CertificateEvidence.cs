using System.Security.Cryptography.X509Certificates;

namespace Netguard.Plugin.Commands.Status;

/// <summary>
/// What <c>status</c> could find about the webhook's certificate: the serving certificate from the TLS Secret (null
/// when the Secret is missing, unreadable or unusable — <see cref="SecretProblem"/> says which, e.g. "not found",
/// "is not readable (forbidden)") and each webhook's caBundle.
/// <see cref="SecretBroken"/> is true when the webhook itself cannot use the Secret (missing, no usable tls.crt),
/// false when only this user may not read it.
/// </summary>
public sealed record CertificateEvidence(
    string SecretName,
    X509Certificate2? Serving,
    string? SecretProblem,
    bool SecretBroken,
    IReadOnlyList<WebhookCaBundle> CaBundles,
    string ExpectedDnsName);
