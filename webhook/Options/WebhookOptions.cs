using System.Net;

namespace Netguard.Webhook.Options;

/// <summary>Everything the webhook needs to start, from the command line (SPEC §5.5) plus tuning knobs tests shorten.</summary>
public sealed record WebhookOptions
{
    /// <summary>The documented request body limit: larger AdmissionReviews get HTTP 400.</summary>
    public const int DefaultMaxRequestBodyBytes = 3 * 1024 * 1024;

    public IPEndPoint Listen { get; init; } = new(IPAddress.Any, 8443);

    public string TlsCertificateFile { get; init; } = "";

    public string TlsKeyFile { get; init; } = "";

    /// <summary>The NetguardConfig file; null = the built-in default config.</summary>
    public string? ConfigFile { get; init; }

    /// <summary>A kubeconfig file; null = in-cluster (unless <see cref="Offline"/>).</summary>
    public string? Kubeconfig { get; init; }

    /// <summary>No cluster: rules that need cluster state see only the request; /readyz is ok.</summary>
    public bool Offline { get; init; }

    public int MaxRequestBodyBytes { get; init; } = DefaultMaxRequestBodyBytes;

    /// <summary>How often certificate and config files are re-read even without a file-system event.</summary>
    public TimeSpan FileCheckInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Time between SIGTERM and closing the listener, while /readyz already fails (endpoint removal lag).</summary>
    public TimeSpan ShutdownDelay { get; init; } = TimeSpan.Zero;

    /// <summary>How long in-flight requests may take to finish after the listener closes.</summary>
    public TimeSpan ShutdownTimeout { get; init; } = TimeSpan.FromSeconds(20);

    public LogFormat LogFormat { get; init; } = LogFormat.Text;

    public Microsoft.Extensions.Logging.LogLevel LogLevel { get; init; } = Microsoft.Extensions.Logging.LogLevel.Information;
}
