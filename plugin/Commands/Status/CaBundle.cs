using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Netguard.Plugin.Commands.Status;

/// <summary>Decodes a webhook's clientConfig.caBundle: base64 of one or more PEM certificates.</summary>
public static class CaBundle
{
    /// <summary>The certificates, or null when the value is not base64 PEM holding at least one certificate.</summary>
    public static X509Certificate2Collection? Decode(string? caBundle)
    {
        if (string.IsNullOrWhiteSpace(caBundle))
        {
            return null;
        }

        try
        {
            var pem = Encoding.ASCII.GetString(Convert.FromBase64String(caBundle));
            var certificates = new X509Certificate2Collection();
            certificates.ImportFromPem(pem);
            return certificates.Count > 0 ? certificates : null;
        }
        catch (Exception e) when (e is FormatException or CryptographicException)
        {
            return null;
        }
    }
}
