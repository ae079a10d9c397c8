namespace Netguard.Testing.Certificates;

/// <summary>
/// A CA plus a scratch directory: the usual test set-up for anything that reads PEM files
/// (kubeconfig certificate paths, webhook --tls-cert-file/--tls-key-file and their hot reload).
/// </summary>
public sealed class TestPki : IDisposable
{
    private readonly TestDirectory _directory;

    public TestPki(TestKeyAlgorithm caAlgorithm = TestKeyAlgorithm.Rsa, TimeProvider? time = null)
    {
        _directory = new TestDirectory("netguard-pki");
        Authority = TestCertificateAuthority.Create(algorithm: caAlgorithm, time: time);
        CaCertificatePath = Authority.WriteCertificatePem(System.IO.Path.Combine(_directory.Path, "ca.crt"));
    }

    public TestCertificateAuthority Authority { get; }

    /// <summary>The directory all files are written to.</summary>
    public string Directory => _directory.Path;

    /// <summary>ca.crt in <see cref="Directory"/>.</summary>
    public string CaCertificatePath { get; }

    /// <summary>Issues a server certificate (default names localhost, 127.0.0.1, ::1) and writes NAME.crt/NAME.key.</summary>
    public TestCertificateFiles WriteServer(
        string baseName = "server",
        IEnumerable<string>? names = null,
        TestKeyAlgorithm algorithm = TestKeyAlgorithm.Rsa,
        PrivateKeyPemFormat keyFormat = PrivateKeyPemFormat.Traditional)
    {
        var certificate = Authority.IssueServer(names, algorithm);
        var (cert, key) = certificate.WritePemFilesTo(Directory, baseName, keyFormat);
        return new TestCertificateFiles(certificate, cert, key);
    }

    /// <summary>Issues a client certificate (CN = user, O = groups) and writes NAME.crt/NAME.key.</summary>
    public TestCertificateFiles WriteClient(
        string user,
        IEnumerable<string>? groups = null,
        string? baseName = null,
        TestKeyAlgorithm algorithm = TestKeyAlgorithm.Rsa,
        PrivateKeyPemFormat keyFormat = PrivateKeyPemFormat.Traditional)
    {
        var certificate = Authority.IssueClient(user, groups, algorithm);
        var (cert, key) = certificate.WritePemFilesTo(Directory, baseName ?? "client-" + user.Replace(':', '-'), keyFormat);
        return new TestCertificateFiles(certificate, cert, key);
    }

    public void Dispose()
    {
        Authority.Dispose();
        _directory.Dispose();
    }
}
