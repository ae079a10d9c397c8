using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Netguard.Testing.Certificates;

/// <summary>
/// A throw-away certificate authority for tests: mints server certificates (DNS and IP SANs) and
/// client certificates (CN = user, O = groups, as the Kubernetes API server reads them).
/// Built only with System.Security.Cryptography.
/// </summary>
public sealed class TestCertificateAuthority : IDisposable
{
    private static readonly Oid ServerAuth = new("1.3.6.1.5.5.7.3.1", "Server Authentication");
    private static readonly Oid ClientAuth = new("1.3.6.1.5.5.7.3.2", "Client Authentication");

    private readonly TestCertificate _root;
    private readonly TimeProvider _time;

    private TestCertificateAuthority(TestCertificate root, TimeProvider time)
    {
        _root = root;
        _time = time;
    }

    /// <summary>The CA certificate (with its key).</summary>
    public X509Certificate2 Certificate => _root.Certificate;

    /// <summary>The CA certificate as PEM (a kubeconfig's certificate-authority file).</summary>
    public string CertificatePem => _root.CertificatePem;

    public byte[] CertificateDer => _root.CertificateDer;

    /// <summary>Creates a self-signed CA valid from one hour ago for <paramref name="validity"/> (default 1 day).</summary>
    public static TestCertificateAuthority Create(
        string commonName = "netguard-test-ca",
        TestKeyAlgorithm algorithm = TestKeyAlgorithm.Rsa,
        TimeSpan? validity = null,
        TimeProvider? time = null)
    {
        time ??= TimeProvider.System;
        var key = CreateKey(algorithm);
        var request = CreateRequest(new X500DistinguishedName($"CN={commonName}"), key);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign | X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var now = time.GetUtcNow();
        // CreateSelfSigned already carries the private key.
        var withKey = request.CreateSelfSigned(now.AddHours(-1), now.Add(validity ?? TimeSpan.FromDays(1)));
        return new TestCertificateAuthority(new TestCertificate(withKey, key, algorithm), time);
    }

    /// <summary>
    /// A TLS server certificate. With no names given it covers "localhost", 127.0.0.1 and ::1;
    /// names that parse as IP addresses become IP SANs, the rest DNS SANs.
    /// </summary>
    public TestCertificate IssueServer(
        IEnumerable<string>? names = null,
        TestKeyAlgorithm algorithm = TestKeyAlgorithm.Rsa,
        TimeSpan? validity = null,
        DateTimeOffset? notBefore = null)
    {
        var list = names?.ToList() ?? ["localhost", "127.0.0.1", "::1"];
        if (list.Count == 0)
        {
            throw new ArgumentException("a server certificate needs at least one name", nameof(names));
        }

        var san = new SubjectAlternativeNameBuilder();
        foreach (var name in list)
        {
            if (IPAddress.TryParse(name, out var ip))
            {
                san.AddIpAddress(ip);
            }
            else
            {
                san.AddDnsName(name);
            }
        }

        var subject = new X500DistinguishedName($"CN={list[0]}");
        return Issue(subject, algorithm, ServerAuth, san.Build(critical: false), validity, notBefore);
    }

    /// <summary>A TLS client certificate: CN is the user name, each O a group (how the API server authenticates x509 clients).</summary>
    public TestCertificate IssueClient(
        string user,
        IEnumerable<string>? groups = null,
        TestKeyAlgorithm algorithm = TestKeyAlgorithm.Rsa,
        TimeSpan? validity = null,
        DateTimeOffset? notBefore = null)
    {
        var builder = new X500DistinguishedNameBuilder();
        foreach (var group in groups ?? [])
        {
            builder.AddOrganizationName(group);
        }

        builder.AddCommonName(user);
        return Issue(builder.Build(), algorithm, ClientAuth, extraExtension: null, validity, notBefore);
    }

    /// <summary>Writes the CA certificate as PEM; returns the path.</summary>
    public string WriteCertificatePem(string path)
    {
        TestCertificate.WriteAtomically(path, CertificatePem);
        return Path.GetFullPath(path);
    }

    public void Dispose() => _root.Dispose();

    private TestCertificate Issue(
        X500DistinguishedName subject,
        TestKeyAlgorithm algorithm,
        Oid usage,
        X509Extension? extraExtension,
        TimeSpan? validity,
        DateTimeOffset? notBefore)
    {
        var key = CreateKey(algorithm);
        var request = CreateRequest(subject, key);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        var keyUsage = algorithm == TestKeyAlgorithm.Rsa
            ? X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment
            : X509KeyUsageFlags.DigitalSignature;
        request.CertificateExtensions.Add(new X509KeyUsageExtension(keyUsage, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([usage], false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(_root.Certificate, true, false));
        if (extraExtension is not null)
        {
            request.CertificateExtensions.Add(extraExtension);
        }

        var start = notBefore ?? _time.GetUtcNow().AddMinutes(-5);
        var end = start.Add(validity ?? TimeSpan.FromHours(12));
        var caEnd = new DateTimeOffset(_root.Certificate.NotAfter.ToUniversalTime());
        if (end > caEnd)
        {
            end = caEnd;
        }

        var serial = new byte[16];
        RandomNumberGenerator.Fill(serial);
        serial[0] &= 0x7f; // positive INTEGER
        using var generatorKeyHolder = new SignerHolder(_root.Certificate);
        using var issued = request.Create(_root.Certificate.SubjectName, generatorKeyHolder.Generator, start, end, serial);
        return new TestCertificate(Attach(issued, key), key, algorithm);
    }

    private static AsymmetricAlgorithm CreateKey(TestKeyAlgorithm algorithm) => algorithm switch
    {
        TestKeyAlgorithm.Rsa => RSA.Create(2048),
        TestKeyAlgorithm.EcdsaP256 => ECDsa.Create(ECCurve.NamedCurves.nistP256),
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm)),
    };

    private static CertificateRequest CreateRequest(X500DistinguishedName subject, AsymmetricAlgorithm key) => key switch
    {
        RSA rsa => new CertificateRequest(subject, rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),
        ECDsa ec => new CertificateRequest(subject, ec, HashAlgorithmName.SHA256),
        _ => throw new NotSupportedException(key.GetType().Name),
    };

    private static X509Certificate2 Attach(X509Certificate2 certificate, AsymmetricAlgorithm key) => key switch
    {
        RSA rsa => certificate.CopyWithPrivateKey(rsa),
        ECDsa ec => certificate.CopyWithPrivateKey(ec),
        _ => throw new NotSupportedException(key.GetType().Name),
    };

    /// <summary>Signs with the CA key whatever the leaf's algorithm is (an RSA CA may sign an EC leaf).</summary>
    private sealed class SignerHolder : IDisposable
    {
        private readonly AsymmetricAlgorithm _key;

        public SignerHolder(X509Certificate2 ca)
        {
            if (ca.GetRSAPrivateKey() is { } rsa)
            {
                _key = rsa;
                Generator = X509SignatureGenerator.CreateForRSA(rsa, RSASignaturePadding.Pkcs1);
            }
            else if (ca.GetECDsaPrivateKey() is { } ec)
            {
                _key = ec;
                Generator = X509SignatureGenerator.CreateForECDsa(ec);
            }
            else
            {
                throw new InvalidOperationException("the CA certificate has no RSA or ECDSA private key");
            }
        }

        public X509SignatureGenerator Generator { get; }

        public void Dispose() => _key.Dispose();
    }
}
