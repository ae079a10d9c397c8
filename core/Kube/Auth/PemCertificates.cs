using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Netguard.Core.Kube.Config;

namespace Netguard.Core.Kube.Auth;

/// <summary>Loads CA bundles and client certificate/key pairs from kubeconfig data or files (PEM; RSA or EC keys in PKCS#1, SEC1 or PKCS#8).</summary>
internal static class PemCertificates
{
    public static X509Certificate2Collection LoadAuthority(byte[]? data, string? file, KubeConfigOrigin origin, string field)
    {
        var bytes = data ?? ReadFile(file!, origin, field);
        var collection = new X509Certificate2Collection();
        var text = Encoding.UTF8.GetString(bytes);
        try
        {
            if (text.Contains("-----BEGIN", StringComparison.Ordinal))
            {
                collection.ImportFromPem(text);
            }
            else
            {
                collection.Add(X509CertificateLoader.LoadCertificate(bytes));
            }
        }
        catch (CryptographicException e)
        {
            throw origin.Error(data is null ? field : field + "-data", $"not a valid certificate{(file is null ? "" : $" (\"{file}\")")}: {e.Message}", e);
        }

        if (collection.Count == 0)
        {
            throw origin.Error(data is null ? field : field + "-data", $"no certificate found{(file is null ? "" : $" in \"{file}\"")}");
        }

        return collection;
    }

    public static X509Certificate2 LoadClientCertificate(KubeClientOptions options)
    {
        var origin = options.UserOrigin;
        var cert = options.ClientCertificateData ?? ReadFile(options.ClientCertificateFile!, origin, "client-certificate");
        var key = options.ClientKeyData ?? ReadFile(options.ClientKeyFile!, origin, "client-key");
        try
        {
            return FromPem(cert, key);
        }
        catch (CryptographicException e)
        {
            var field = options.ClientKeyData is null && options.ClientKeyFile is not null ? "client-key" : "client-certificate";
            throw origin.Error(field, $"cannot load the client certificate and key: {e.Message}", e);
        }
        catch (ArgumentException e)
        {
            throw origin.Error("client-certificate", $"cannot load the client certificate and key: {e.Message}", e);
        }
    }

    public static X509Certificate2 FromPem(byte[] certificatePem, byte[] keyPem)
    {
        using var ephemeral = X509Certificate2.CreateFromPem(Encoding.UTF8.GetString(certificatePem), Encoding.UTF8.GetString(keyPem));
        // Round-trip through PKCS#12 so the key is usable by the TLS stack on every platform.
        return X509CertificateLoader.LoadPkcs12(ephemeral.Export(X509ContentType.Pkcs12), null);
    }

    private static byte[] ReadFile(string path, KubeConfigOrigin origin, string field)
    {
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw origin.Error(field, e is FileNotFoundException or DirectoryNotFoundException ? $"file \"{path}\" not found" : $"cannot read \"{path}\": {e.Message}", e);
        }
    }
}
