using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Netguard.Webhook.Tls;

/// <summary>
/// Loads a serving certificate from PEM files: the certificate file may hold the chain (leaf first, as
/// cert-manager and kubeadm write it), the key file an RSA or EC key in PKCS#1, SEC1 or PKCS#8 form.
/// </summary>
public static class PemCertificateLoader
{
    private static readonly Oid ServerAuthentication = new("1.3.6.1.5.5.7.3.1");

    /// <summary>Builds the TLS context from PEM text; throws <see cref="CertificateLoadException"/> with a one-line reason.</summary>
    public static LoadedCertificate Load(string certificatePem, string keyPem, string certificateFile, string keyFile)
    {
        ArgumentNullException.ThrowIfNull(certificatePem);
        ArgumentNullException.ThrowIfNull(keyPem);
        var chain = new X509Certificate2Collection();
        try
        {
            chain.ImportFromPem(certificatePem);
        }
        catch (CryptographicException e)
        {
            throw new CertificateLoadException($"{certificateFile}: not a PEM certificate ({OneLine(e.Message)})", e);
        }

        if (chain.Count == 0)
        {
            throw new CertificateLoadException($"{certificateFile}: no \"BEGIN CERTIFICATE\" block found");
        }

        X509Certificate2 leaf;
        try
        {
            // Pairs the first certificate with the key; fails when the key is not the certificate's.
            leaf = X509Certificate2.CreateFromPem(certificatePem, keyPem);
        }
        catch (CryptographicException e)
        {
            throw new CertificateLoadException($"{keyFile}: the private key cannot be used with {certificateFile} ({OneLine(e.Message)})", e);
        }
        catch (ArgumentException e)
        {
            throw new CertificateLoadException($"{keyFile}: no usable PEM private key ({OneLine(e.Message)})", e);
        }

        foreach (var extension in leaf.Extensions)
        {
            if (extension is X509EnhancedKeyUsageExtension eku && eku.EnhancedKeyUsages.Count > 0
                && !eku.EnhancedKeyUsages.Cast<Oid>().Any(o => o.Value == ServerAuthentication.Value))
            {
                throw new CertificateLoadException($"{certificateFile}: the certificate is not for server authentication (extended key usage lacks serverAuth)");
            }
        }

        var intermediates = new X509Certificate2Collection();
        for (var i = 1; i < chain.Count; i++)
        {
            intermediates.Add(chain[i]);
        }

        // offline: never fetch missing issuers over the network during a handshake.
        var context = SslStreamCertificateContext.Create(leaf, intermediates, offline: true);
        return new LoadedCertificate(leaf, context);
    }

    private static string OneLine(string message) => message.ReplaceLineEndings(" ").Trim();
}
