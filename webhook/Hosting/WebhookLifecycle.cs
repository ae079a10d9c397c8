using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Netguard.Webhook.ConfigReload;
using Netguard.Webhook.Health;
using Netguard.Webhook.Logging;
using Netguard.Webhook.Options;
using Netguard.Webhook.Tls;

namespace Netguard.Webhook.Hosting;

/// <summary>
/// Starts the file watchers once the server runs, and orders shutdown: on SIGTERM /readyz fails at once,
/// the listener stays open for --shutdown-delay (so endpoints are removed before connections are refused),
/// then the host closes the listener and waits for in-flight requests (HostOptions.ShutdownTimeout).
/// </summary>
internal sealed class WebhookLifecycle : IHostedLifecycleService
{
    private readonly WebhookOptions _options;
    private readonly ServingCertificate _certificate;
    private readonly ConfigFile _config;
    private readonly Readiness _readiness;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;

    public WebhookLifecycle(WebhookOptions options, ServingCertificate certificate, ConfigFile config, Readiness readiness, ILogger<WebhookLifecycle> logger, TimeProvider time)
    {
        _options = options;
        _certificate = certificate;
        _config = config;
        _readiness = readiness;
        _logger = logger;
        _time = time;
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken)
    {
        _certificate.StartWatching(_options.FileCheckInterval);
        _config.StartWatching(_options.FileCheckInterval);
        return Task.CompletedTask;
    }

    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        _readiness.MarkStopping();
        WebhookLog.ShutdownStarted(_logger, _options.ShutdownDelay.TotalSeconds);
        if (_options.ShutdownDelay > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(_options.ShutdownDelay, _time, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                // The shutdown timeout ran out: stop now.
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
