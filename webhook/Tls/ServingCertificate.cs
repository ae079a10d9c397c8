using System.Net.Security;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Netguard.Webhook.Files;
using Netguard.Webhook.Logging;
using Netguard.Webhook.Metrics;

namespace Netguard.Webhook.Tls;

/// <summary>
/// The serving certificate, reloaded when its files change. Each TLS handshake asks for the current
/// context, so new connections get a new certificate at once while established connections (and the
/// requests on them) carry on untouched. A file pair that does not load (a rotation caught half-way, a
/// bad key) is logged and the current certificate is kept; the next change or periodic check retries.
/// </summary>
public sealed class ServingCertificate : IDisposable
{
    private readonly string _certificateFile;
    private readonly string _keyFile;
    private readonly WebhookMetrics _metrics;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private LoadedCertificate? _current;
    private string? _lastDigest;
    private FileChangeMonitor? _monitor;

    public ServingCertificate(string certificateFile, string keyFile, WebhookMetrics metrics, ILogger<ServingCertificate> logger, TimeProvider time)
    {
        _certificateFile = certificateFile;
        _keyFile = keyFile;
        _metrics = metrics;
        _logger = logger;
        _time = time;
    }

    public LoadedCertificate Current => Volatile.Read(ref _current) ?? throw new InvalidOperationException("the serving certificate has not been loaded");

    /// <summary>Options for one handshake: the current certificate context (ALPN is filled in by Kestrel).</summary>
    public SslServerAuthenticationOptions ServerOptions() => new() { ServerCertificateContext = Current.Context };

    /// <summary>The start-up load: throws <see cref="CertificateLoadException"/> (one line) when the files are unusable.</summary>
    public void LoadInitial()
    {
        var (certPem, keyPem, digest) = Read();
        Apply(PemCertificateLoader.Load(certPem, keyPem, _certificateFile, _keyFile), digest);
    }

    /// <summary>Re-reads the files; swaps in the new certificate when they changed and load. True when swapped.</summary>
    public bool Reload()
    {
        string certPem, keyPem, digest;
        try
        {
            (certPem, keyPem, digest) = Read();
        }
        catch (CertificateLoadException e)
        {
            Failed(e.Message, digest: null);
            return false;
        }

        if (digest == Volatile.Read(ref _lastDigest))
        {
            return false;
        }

        try
        {
            Apply(PemCertificateLoader.Load(certPem, keyPem, _certificateFile, _keyFile), digest);
            return true;
        }
        catch (CertificateLoadException e)
        {
            Failed(e.Message, digest);
            return false;
        }
    }

    public void StartWatching(TimeSpan interval)
    {
        _monitor ??= new FileChangeMonitor("the serving certificate", [_certificateFile, _keyFile], interval, () => Reload(), _time, _logger);
    }

    public void Dispose() => _monitor?.Dispose();

    private (string Certificate, string Key, string Digest) Read()
    {
        string cert, key;
        try
        {
            cert = File.ReadAllText(_certificateFile);
            key = File.ReadAllText(_keyFile);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CertificateLoadException($"cannot read the certificate files: {e.Message.ReplaceLineEndings(" ")}", e);
        }

        var digest = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(cert + "\0" + key)));
        return (cert, key, digest);
    }

    private void Apply(LoadedCertificate loaded, string digest)
    {
        Volatile.Write(ref _current, loaded);
        Volatile.Write(ref _lastDigest, digest);
        _metrics.CertificateReloaded(success: true, loaded.NotAfter);
        WebhookLog.CertificateLoaded(_logger, _certificateFile, loaded.Certificate.Subject, loaded.NotAfter, loaded.Sha256);
        var now = _time.GetUtcNow();
        if (now < loaded.NotBefore || now > loaded.NotAfter)
        {
            WebhookLog.CertificateNotValidNow(_logger, loaded.Certificate.Subject, loaded.NotBefore, loaded.NotAfter);
        }
    }

    private void Failed(string reason, string? digest)
    {
        // Remember the failed content so an unchanged bad pair is not retried (and logged) on every tick.
        if (digest is not null)
        {
            Volatile.Write(ref _lastDigest, digest);
        }

        _metrics.CertificateReloaded(success: false, notAfter: null);
        WebhookLog.CertificateReloadFailed(_logger, reason);
    }
}
