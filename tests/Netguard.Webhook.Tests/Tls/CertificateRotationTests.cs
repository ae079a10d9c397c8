using System.Collections.Concurrent;
using System.Security.Cryptography;
using Netguard.Testing;
using Netguard.Testing.Certificates;
using Netguard.Webhook.Tests.Infrastructure;

namespace Netguard.Webhook.Tests.Tls;

/// <summary>
/// The serving certificate is swapped on disk while clients keep posting AdmissionReviews, some of them on
/// fresh connections all the time: no request may fail, and new handshakes must present the new certificate.
/// </summary>
public sealed class CertificateRotationTests
{
    private static readonly TimeSpan LoadBeforeSwap = TimeSpan.FromMilliseconds(800);
    private static readonly TimeSpan LoadAfterSwap = TimeSpan.FromMilliseconds(1500);

    [Theory]
    [InlineData(TestKeyAlgorithm.EcdsaP256, PrivateKeyPemFormat.Traditional)]
    [InlineData(TestKeyAlgorithm.Rsa, PrivateKeyPemFormat.Pkcs8)]
    public async Task FilesReplacedInPlace_UnderLoad_ZeroFailuresAndNewHandshakesSeeTheNewCertificate(TestKeyAlgorithm algorithm, PrivateKeyPemFormat keyFormat)
    {
        await using var server = await WebhookTestServer.StartAsync(keyAlgorithm: algorithm);
        using var renewed = server.Pki.Authority.IssueServer(algorithm: algorithm);

        // Key first, then certificate, each by atomic rename: for a moment the pair does not match, and the
        // server must keep the old certificate through that moment.
        var stats = await RunLoadAsync(server, () => renewed.WritePemFiles(server.Serving.CertificatePath, server.Serving.KeyPath, keyFormat));

        stats.Failures.ShouldBeEmpty();
        stats.Succeeded.ShouldBeGreaterThan(50);
        await AssertNewHandshakesPresentAsync(server, Sha256(renewed));
    }

    [Fact]
    public async Task SecretVolumeDataSymlinkSwapped_UnderLoad_ZeroFailuresAndNewHandshakesSeeTheNewCertificate()
    {
        using var volume = new TestDirectory("secret-volume");
        using var pki = new TestPki();
        using var first = pki.Authority.IssueServer();
        using var second = pki.Authority.IssueServer();
        var secret = new AtomicVolume(volume.Path);
        secret.Publish(first);

        // No periodic check within the test: the file-system watcher alone must notice the "..data" swap.
        await using var server = await WebhookTestServer.StartAsync(options: o => o with
        {
            TlsCertificateFile = Path.Combine(volume.Path, "tls.crt"),
            TlsKeyFile = Path.Combine(volume.Path, "tls.key"),
            FileCheckInterval = TimeSpan.FromHours(1),
        });
        server.TrustedCas.Add(pki.Authority.Certificate);

        var stats = await RunLoadAsync(server, () => secret.Publish(second));

        stats.Failures.ShouldBeEmpty();
        stats.Succeeded.ShouldBeGreaterThan(50);
        await AssertNewHandshakesPresentAsync(server, Sha256(second));
        server.HandshakeCertificates.ShouldContain(Sha256(first));
    }

    [Fact]
    public async Task RotationToANewCa_ClientsTrustingBothCas_ZeroFailures()
    {
        await using var server = await WebhookTestServer.StartAsync();
        using var nextPki = new TestPki();
        using var next = nextPki.Authority.IssueServer();

        // The documented rotation: the caBundle carries old and new CA before the serving certificate changes.
        server.TrustedCas.Add(nextPki.Authority.Certificate);
        var stats = await RunLoadAsync(server, () => next.WritePemFiles(server.Serving.CertificatePath, server.Serving.KeyPath));

        stats.Failures.ShouldBeEmpty();
        await AssertNewHandshakesPresentAsync(server, Sha256(next));
    }

    [Fact]
    public async Task KeyThatDoesNotMatch_KeepsServingTheCurrentCertificate()
    {
        await using var server = await WebhookTestServer.StartAsync();
        using var other = server.Pki.Authority.IssueServer();
        var original = Sha256(server.Serving.Certificate);

        // Only the key changes: the pair no longer matches.
        File.WriteAllText(server.Serving.KeyPath, other.KeyPem());
        await Eventually.TrueAsync(async () => (await MetricsAsync(server)).Contains("netguard_webhook_certificate_reloads_total{result=\"failure\"} 1", StringComparison.Ordinal));

        using var fresh = server.CreateClient();
        var (status, _, _) = await fresh.PostAsync("/validate", AdmissionFixtures.Load("pod-create"));
        status.ShouldBe(200);
        server.HandshakeCertificates.ShouldAllBe(h => h == original);

        // Writing the matching certificate completes the rotation.
        File.WriteAllText(server.Serving.CertificatePath, other.CertificatePem);
        await AssertNewHandshakesPresentAsync(server, Sha256(other));
    }

    private static async Task<LoadStats> RunLoadAsync(WebhookTestServer server, Action swap)
    {
        var stats = new LoadStats();
        using var stop = new CancellationTokenSource();
        var body = AdmissionFixtures.Load("pod-create");
        var workers = Enumerable.Range(0, 6).Select(i => Task.Run(async () =>
        {
            // Half the clients hold one connection, half reconnect every 50 ms: both kinds must survive the swap.
            using var client = server.CreateClient(connectionLifetime: i % 2 == 0 ? null : TimeSpan.FromMilliseconds(50));
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    var (status, answer, text) = await client.PostAsync("/validate", body);
                    if (status != 200 || answer?["response"]?["uid"]?.GetValue<string>() != "705ab4f5-6393-11e8-b7cc-42010a800002")
                    {
                        stats.Failures.Add($"HTTP {status}: {text}");
                    }
                    else
                    {
                        Interlocked.Increment(ref stats.Succeeded);
                    }
                }
#pragma warning disable CA1031 // every failure is the finding
                catch (Exception e)
#pragma warning restore CA1031
                {
                    stats.Failures.Add(e.GetType().Name + ": " + e.Message);
                }
            }
        })).ToList();

        await Task.Delay(LoadBeforeSwap);
        swap();
        await Task.Delay(LoadAfterSwap);
        await stop.CancelAsync();
        await Task.WhenAll(workers);
        return stats;
    }

    private static async Task AssertNewHandshakesPresentAsync(WebhookTestServer server, string expected)
    {
        await Eventually.TrueAsync(async () =>
        {
            using var fresh = server.CreateClient();
            var (status, _, _) = await fresh.PostAsync("/validate", AdmissionFixtures.Load("pod-create"));
            status.ShouldBe(200);
            return server.HandshakeCertificates.Last() == expected;
        });
    }

    private static async Task<string> MetricsAsync(WebhookTestServer server)
    {
        using var client = server.CreateClient();
        return await client.GetStringAsync("/metrics");
    }

    private static string Sha256(TestCertificate certificate) => Sha256(certificate.Certificate);

    private static string Sha256(System.Security.Cryptography.X509Certificates.X509Certificate2 certificate) =>
        certificate.GetCertHashString(HashAlgorithmName.SHA256);

    private sealed class LoadStats
    {
        public int Succeeded;

        public ConcurrentBag<string> Failures { get; } = [];
    }
}
