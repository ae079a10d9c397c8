using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Netguard.Testing.Certificates;

/// <summary>A generated certificate with its private key, exportable as PEM text or files.</summary>
public sealed class TestCertificate : IDisposable
{
    private readonly AsymmetricAlgorithm _key;

    internal TestCertificate(X509Certificate2 certificate, AsymmetricAlgorithm key, TestKeyAlgorithm algorithm)
    {
        Certificate = certificate;
        _key = key;
        Algorithm = algorithm;
    }

    /// <summary>The certificate with its private key attached (usable by Kestrel, SslStream and HttpClient).</summary>
    public X509Certificate2 Certificate { get; }

    public TestKeyAlgorithm Algorithm { get; }

    /// <summary>"-----BEGIN CERTIFICATE-----" PEM.</summary>
    public string CertificatePem => Certificate.ExportCertificatePem() + "\n";

    /// <summary>The certificate as DER bytes (what kubeconfig's *-data fields hold, base64-encoded).</summary>
    public byte[] CertificateDer => Certificate.RawData;

    /// <summary>The private key as PEM in the requested format.</summary>
    public string KeyPem(PrivateKeyPemFormat format = PrivateKeyPemFormat.Traditional)
    {
        var pem = (_key, format) switch
        {
            (RSA rsa, PrivateKeyPemFormat.Traditional) => rsa.ExportRSAPrivateKeyPem(),
            (ECDsa ec, PrivateKeyPemFormat.Traditional) => ec.ExportECPrivateKeyPem(),
            (_, PrivateKeyPemFormat.Pkcs8) => _key.ExportPkcs8PrivateKeyPem(),
            _ => throw new NotSupportedException($"cannot export {_key.GetType().Name} as {format}"),
        };
        return pem + "\n";
    }

    /// <summary>Writes the certificate and key PEM files; returns their paths.</summary>
    public (string CertificatePath, string KeyPath) WritePemFilesTo(
        string directory, string baseName, PrivateKeyPemFormat keyFormat = PrivateKeyPemFormat.Traditional)
    {
        Directory.CreateDirectory(directory);
        var certPath = Path.Combine(directory, baseName + ".crt");
        var keyPath = Path.Combine(directory, baseName + ".key");
        WritePemFiles(certPath, keyPath, keyFormat);
        return (certPath, keyPath);
    }

    /// <summary>
    /// Writes the certificate and key PEM files to exact paths. Each file is written to a temporary
    /// name and renamed, so a watcher never sees a half-written file (as with a Secret volume update).
    /// </summary>
    public void WritePemFiles(string certificatePath, string keyPath, PrivateKeyPemFormat keyFormat = PrivateKeyPemFormat.Traditional)
    {
        WriteAtomically(keyPath, KeyPem(keyFormat));
        WriteAtomically(certificatePath, CertificatePem);
    }

    public void Dispose()
    {
        Certificate.Dispose();
        _key.Dispose();
    }

    internal static void WriteAtomically(string path, string text)
    {
        var full = Path.GetFullPath(path);
        var temp = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        File.WriteAllText(temp, text);
        File.Move(temp, full, overwrite: true);
    }
}
