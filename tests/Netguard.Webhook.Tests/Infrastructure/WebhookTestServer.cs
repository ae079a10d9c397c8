using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Netguard.Core.Admission;
using Netguard.Testing.Certificates;
using Netguard.Webhook.Hosting;
using Netguard.Webhook.Options;

namespace Netguard.Webhook.Tests.Infrastructure;

/// <summary>
/// The real webhook (Kestrel, TLS from PEM files on disk) on 127.0.0.1 with an ephemeral port, and HTTP
/// clients that trust the test CA and record which server certificate each handshake presented.
/// </summary>
public sealed class WebhookTestServer : IAsyncDisposable
{
    private readonly List<HttpClient> _clients = [];

    private WebhookTestServer(TestPki pki, TestCertificateFiles serving, WebApplication app, Uri baseAddress)
    {
        Pki = pki;
        Serving = serving;
        App = app;
        BaseAddress = baseAddress;
    }

    public TestPki Pki { get; }

    /// <summary>The certificate the server started with, and its files (tls.crt / tls.key).</summary>
    public TestCertificateFiles Serving { get; }

    public WebApplication App { get; }

    public Uri BaseAddress { get; }

    /// <summary>SHA-256 of every server certificate seen in a handshake, in order.</summary>
    public ConcurrentQueue<string> HandshakeCertificates { get; } = new();

    /// <summary>CA certificates the clients trust (the API server's caBundle); rotation tests add the next CA.</summary>
    public X509Certificate2Collection TrustedCas { get; } = [];

    public static async Task<WebhookTestServer> StartAsync(
        IEnumerable<IAdmissionRule>? rules = null,
        Func<WebhookOptions, WebhookOptions>? options = null,
        Action<IServiceCollection>? services = null,
        TestKeyAlgorithm keyAlgorithm = TestKeyAlgorithm.EcdsaP256)
    {
        var pki = new TestPki();
        var serving = pki.WriteServer("tls", algorithm: keyAlgorithm);
        var opts = new WebhookOptions
        {
            Listen = new IPEndPoint(IPAddress.Loopback, 0),
            TlsCertificateFile = serving.CertificatePath,
            TlsKeyFile = serving.KeyPath,
            Offline = true,
            FileCheckInterval = TimeSpan.FromMilliseconds(200),
            ShutdownTimeout = TimeSpan.FromSeconds(10),
            LogLevel = Microsoft.Extensions.Logging.LogLevel.Warning,
        };
        opts = options?.Invoke(opts) ?? opts;

        var engine = new AdmissionEngine(rules ?? TestRules.All());
        var app = WebhookApplication.Build(opts, s =>
        {
            s.AddSingleton(engine);
            services?.Invoke(s);
        });
        await app.StartAsync();
        var address = new Uri(app.Urls.Single());
        var server = new WebhookTestServer(pki, serving, app, address);
        server.TrustedCas.Add(pki.Authority.Certificate);
        return server;
    }

    /// <summary>A client over HTTPS (HTTP/1.1 unless asked), trusting <see cref="TrustedCas"/>.</summary>
    public HttpClient CreateClient(Version? version = null, TimeSpan? connectionLifetime = null)
    {
        var handler = new SocketsHttpHandler
        {
            PooledConnectionLifetime = connectionLifetime ?? Timeout.InfiniteTimeSpan,
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, certificate, _, errors) => Validate(certificate, errors),
            },
        };
        var client = new HttpClient(handler)
        {
            BaseAddress = BaseAddress,
            DefaultRequestVersion = version ?? HttpVersion.Version11,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Timeout = TimeSpan.FromSeconds(30),
        };
        lock (_clients)
        {
            _clients.Add(client);
        }

        return client;
    }

    public static HttpContent Json(string body) => new StringContent(body, Encoding.UTF8, new MediaTypeHeaderValue("application/json"));

    public async ValueTask DisposeAsync()
    {
        lock (_clients)
        {
            foreach (var c in _clients)
            {
                c.Dispose();
            }
        }

        try
        {
            await App.StopAsync();
        }
        catch (ObjectDisposedException)
        {
            // A test stopped it already.
        }

        await App.DisposeAsync();
        Serving.Certificate.Dispose();
        Pki.Dispose();
    }

    // Accept only a chain to one of the trusted CAs with a matching name, as the API server does with caBundle.
    private bool Validate(X509Certificate? certificate, SslPolicyErrors errors)
    {
        if (certificate is not X509Certificate2 cert || (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) != 0)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        lock (TrustedCas)
        {
            chain.ChainPolicy.CustomTrustStore.AddRange(TrustedCas);
        }

        if (!chain.Build(cert))
        {
            return false;
        }

        HandshakeCertificates.Enqueue(cert.GetCertHashString(System.Security.Cryptography.HashAlgorithmName.SHA256));
        return true;
    }
}
