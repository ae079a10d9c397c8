using System.Security.Cryptography.X509Certificates;
using Netguard.Testing.Certificates;

namespace Netguard.Core.Tests.Kube.Certificates;

public class TestPkiTests
{
    [Theory]
    [InlineData(TestKeyAlgorithm.Rsa, TestKeyAlgorithm.Rsa)]
    [InlineData(TestKeyAlgorithm.Rsa, TestKeyAlgorithm.EcdsaP256)]
    [InlineData(TestKeyAlgorithm.EcdsaP256, TestKeyAlgorithm.Rsa)]
    public void IssueServer_AnyKeyMix_ChainsToTheCaOnly(TestKeyAlgorithm caAlgorithm, TestKeyAlgorithm leafAlgorithm)
    {
        using var ca = TestCertificateAuthority.Create(algorithm: caAlgorithm);
        using var server = ca.IssueServer(algorithm: leafAlgorithm);

        ChainsTo(server.Certificate, ca.Certificate).ShouldBeTrue();
        using var other = TestCertificateAuthority.Create("other-ca");
        ChainsTo(server.Certificate, other.Certificate).ShouldBeFalse();
    }

    [Fact]
    public void IssueServer_DefaultNames_CoverLocalhostAndLoopbackAddresses()
    {
        using var ca = TestCertificateAuthority.Create();
        using var server = ca.IssueServer();

        server.Certificate.MatchesHostname("localhost").ShouldBeTrue();
        server.Certificate.MatchesHostname("127.0.0.1").ShouldBeTrue();
        server.Certificate.MatchesHostname("::1").ShouldBeTrue();
        server.Certificate.MatchesHostname("example.com").ShouldBeFalse();
    }

    [Fact]
    public void IssueServer_CustomName_OnlyThatNameMatches()
    {
        using var ca = TestCertificateAuthority.Create();
        using var server = ca.IssueServer(["kubernetes.default.svc"]);

        server.Certificate.MatchesHostname("kubernetes.default.svc").ShouldBeTrue();
        server.Certificate.MatchesHostname("127.0.0.1").ShouldBeFalse();
        server.Certificate.MatchesHostname("localhost").ShouldBeFalse();
    }

    [Fact]
    public void IssueClient_UserAndGroups_AreCommonNameAndOrganizations()
    {
        using var ca = TestCertificateAuthority.Create();
        using var client = ca.IssueClient("jane", ["dev", "system:masters"]);

        client.Certificate.GetNameInfo(X509NameType.SimpleName, false).ShouldBe("jane");
        client.Certificate.SubjectName.Name.ShouldContain("O=dev");
        client.Certificate.SubjectName.Name.ShouldContain("O=system:masters");
        var eku = client.Certificate.Extensions.OfType<X509EnhancedKeyUsageExtension>().Single();
        eku.EnhancedKeyUsages.Cast<System.Security.Cryptography.Oid>().Select(o => o.Value).ShouldBe(["1.3.6.1.5.5.7.3.2"]);
    }

    [Theory]
    [InlineData(TestKeyAlgorithm.Rsa, PrivateKeyPemFormat.Traditional, "-----BEGIN RSA PRIVATE KEY-----")]
    [InlineData(TestKeyAlgorithm.Rsa, PrivateKeyPemFormat.Pkcs8, "-----BEGIN PRIVATE KEY-----")]
    [InlineData(TestKeyAlgorithm.EcdsaP256, PrivateKeyPemFormat.Traditional, "-----BEGIN EC PRIVATE KEY-----")]
    [InlineData(TestKeyAlgorithm.EcdsaP256, PrivateKeyPemFormat.Pkcs8, "-----BEGIN PRIVATE KEY-----")]
    public void WriteClient_PemFiles_LoadBackWithTheirKey(TestKeyAlgorithm algorithm, PrivateKeyPemFormat format, string keyHeader)
    {
        using var pki = new TestPki();
        var files = pki.WriteClient("jane", algorithm: algorithm, keyFormat: format);

        File.ReadAllText(files.KeyPath).ShouldStartWith(keyHeader);
        File.ReadAllText(files.CertificatePath).ShouldStartWith("-----BEGIN CERTIFICATE-----");
        using var loaded = X509Certificate2.CreateFromPemFile(files.CertificatePath, files.KeyPath);
        loaded.HasPrivateKey.ShouldBeTrue();
        loaded.Thumbprint.ShouldBe(files.Certificate.Certificate.Thumbprint);
        ChainsTo(loaded, pki.Authority.Certificate).ShouldBeTrue();
    }

    [Fact]
    public void WriteServer_Rewrite_ReplacesFilesWithANewCertificate()
    {
        using var pki = new TestPki();
        var first = pki.WriteServer("webhook");
        var second = pki.WriteServer("webhook");

        second.CertificatePath.ShouldBe(first.CertificatePath);
        using var loaded = X509Certificate2.CreateFromPemFile(second.CertificatePath, second.KeyPath);
        loaded.Thumbprint.ShouldBe(second.Certificate.Certificate.Thumbprint);
        loaded.Thumbprint.ShouldNotBe(first.Certificate.Certificate.Thumbprint);
        Directory.GetFiles(pki.Directory, "*.tmp", SearchOption.AllDirectories).ShouldBeEmpty();
    }

    private static bool ChainsTo(X509Certificate2 leaf, X509Certificate2 root)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(root);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(leaf);
    }
}
