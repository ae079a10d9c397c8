using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Netguard.Plugin.Commands.Install;

/// <summary>
/// Mints the webhook's certificates with System.Security.Cryptography: ECDSA P-256 keys (what Go's TLS stack and
/// every current API server accept; generated in microseconds), a CA valid <see cref="CaValidity"/> and a serving
/// certificate valid <see cref="ServingValidity"/> for the Service's DNS names, both back-dated
/// <see cref="Backdate"/> for clock skew. The CA's private key is used once and never written anywhere, unless the
/// caller brings its own CA (<see cref="IssueWithCa"/>), which keeps caBundle unchanged across renewals.
/// </summary>
public sealed class WebhookCertificateIssuer(TimeProvider time)
{
    public static readonly TimeSpan CaValidity = TimeSpan.FromDays(3650);

    public static readonly TimeSpan ServingValidity = TimeSpan.FromDays(365);

    public static readonly TimeSpan Backdate = TimeSpan.FromHours(1);

    private static readonly Oid ServerAuth = new("1.3.6.1.5.5.7.3.1", "Server Authentication");

    /// <summary>A fresh CA and a serving certificate for <paramref name="dnsNames"/> (the first is also the subject CN).</summary>
    public WebhookCertificates Issue(IReadOnlyList<string> dnsNames)
    {
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(new X500DistinguishedName("CN=netguard-webhook-ca, O=netguard"), caKey, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: true, hasPathLengthConstraint: true, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, critical: true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        var now = time.GetUtcNow();
        using var ca = request.CreateSelfSigned(now - Backdate, now + CaValidity);
        return IssueWithCa(ca, dnsNames);
    }

    /// <summary>A serving certificate signed by <paramref name="ca"/> (which must carry its private key).</summary>
    public WebhookCertificates IssueWithCa(X509Certificate2 ca, IReadOnlyList<string> dnsNames)
    {
        ArgumentNullException.ThrowIfNull(ca);
        ArgumentNullException.ThrowIfNull(dnsNames);
        if (dnsNames.Count == 0)
        {
            throw new ArgumentException("at least one DNS name", nameof(dnsNames));
        }

        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(new X500DistinguishedName($"CN={dnsNames[0]}"), key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        foreach (var name in dnsNames)
        {
            san.AddDnsName(name);
        }

        request.CertificateExtensions.Add(san.Build(critical: false));
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: false, hasPathLengthConstraint: false, pathLengthConstraint: 0, critical: true));
        // ECDSA keys sign; they never encipher keys, so digitalSignature is the whole usage.
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([ServerAuth], critical: false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, includeKeyIdentifier: true, includeIssuerAndSerial: false));

        var now = time.GetUtcNow();
        var notBefore = Max(now - Backdate, ca.NotBefore.ToUniversalTime());
        var notAfter = Min(now + ServingValidity, ca.NotAfter.ToUniversalTime());
        if (notAfter <= now)
        {
            throw new InvalidOperationException($"the CA \"{ca.Subject}\" expired on {ca.NotAfter.ToUniversalTime():yyyy-MM-dd}");
        }

        var serial = new byte[16];
        RandomNumberGenerator.Fill(serial);
        serial[0] &= 0x7F; // a positive serial number (RFC 5280 §4.1.2.2)
        using var serving = request.Create(ca, notBefore, notAfter, serial);
        // PEM files end with a newline (the export methods stop after the END line).
        return new WebhookCertificates(ca.ExportCertificatePem() + "\n", serving.ExportCertificatePem() + "\n", key.ExportPkcs8PrivateKeyPem() + "\n")
        {
            ServingNotAfter = serving.NotAfter.ToUniversalTime(),
        };
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTime b) => a > b ? a : new DateTimeOffset(b, TimeSpan.Zero);

    private static DateTimeOffset Min(DateTimeOffset a, DateTime b) => a < b ? a : new DateTimeOffset(b, TimeSpan.Zero);
}
