using System.CommandLine;
using System.CommandLine.Parsing;
using Microsoft.Extensions.Logging;
using Netguard.Core.Net;

namespace Netguard.Webhook.Options;

/// <summary>The netguard-webhook flags (SPEC §5.5) and their parsing into <see cref="WebhookOptions"/>.</summary>
public sealed class WebhookCommandLine
{
    private readonly Option<string> _listen = new("--listen")
    {
        Description = "address:port to serve HTTPS on",
        DefaultValueFactory = _ => "0.0.0.0:8443",
    };

    private readonly Option<string> _certFile = new("--tls-cert-file") { Description = "PEM serving certificate (chain), reloaded when it changes" };
    private readonly Option<string> _keyFile = new("--tls-key-file") { Description = "PEM private key (RSA or EC), reloaded when it changes" };
    private readonly Option<string?> _config = new("--config") { Description = "NetguardConfig file, reloaded when it changes (default: built-in defaults)" };
    private readonly Option<string?> _kubeconfig = new("--kubeconfig") { Description = "kubeconfig file (default: in-cluster service account)" };
    private readonly Option<bool> _offline = new("--offline") { Description = "no cluster: rules that need cluster state see only the request" };

    private readonly Option<string> _shutdownDelay = new("--shutdown-delay")
    {
        Description = "after SIGTERM, keep serving (with /readyz failing) this long before closing the listener",
        DefaultValueFactory = _ => "0s",
    };

    private readonly Option<string> _reloadInterval = new("--reload-interval")
    {
        Description = "re-read certificate and config files at least this often (file events also trigger a reload)",
        DefaultValueFactory = _ => "10s",
    };

    private readonly Option<LogFormat> _logFormat = new("--log-format") { Description = "text or json", DefaultValueFactory = _ => LogFormat.Text };
    private readonly Option<LogLevel> _logLevel = new("--log-level") { Description = "Trace, Debug, Information, Warning, Error", DefaultValueFactory = _ => LogLevel.Information };

    public WebhookCommandLine()
    {
        Command = new RootCommand("netguard-webhook: mutating and validating admission webhook for kubectl-netguard rules")
        {
            _listen, _certFile, _keyFile, _config, _kubeconfig, _offline, _shutdownDelay, _reloadInterval, _logFormat, _logLevel,
        };
    }

    public RootCommand Command { get; }

    /// <summary>Turns a successful parse into options; returns an error line for values the parser cannot check.</summary>
    public WebhookOptions? Bind(ParseResult parse, out string? error)
    {
        ArgumentNullException.ThrowIfNull(parse);
        error = null;
        var listenText = parse.GetValue(_listen);
        if (!ListenAddress.TryParse(listenText, out var listen))
        {
            error = $"--listen \"{listenText}\" is not an address:port (e.g. 0.0.0.0:8443 or [::]:8443)";
            return null;
        }

        var cert = parse.GetValue(_certFile);
        var key = parse.GetValue(_keyFile);
        if (string.IsNullOrEmpty(cert) || string.IsNullOrEmpty(key))
        {
            error = "--tls-cert-file and --tls-key-file are required (the API server only calls webhooks over HTTPS)";
            return null;
        }

        if (!TryDuration(parse, _shutdownDelay, out var delay, ref error) || !TryDuration(parse, _reloadInterval, out var interval, ref error))
        {
            return null;
        }

        if (interval <= TimeSpan.Zero)
        {
            error = "--reload-interval must be positive";
            return null;
        }

        return new WebhookOptions
        {
            Listen = listen,
            TlsCertificateFile = cert,
            TlsKeyFile = key,
            ConfigFile = NullIfEmpty(parse.GetValue(_config)),
            Kubeconfig = NullIfEmpty(parse.GetValue(_kubeconfig)),
            Offline = parse.GetValue(_offline),
            ShutdownDelay = delay,
            FileCheckInterval = interval,
            LogFormat = parse.GetValue(_logFormat),
            LogLevel = parse.GetValue(_logLevel),
        };
    }

    private static bool TryDuration(ParseResult parse, Option<string> option, out TimeSpan value, ref string? error)
    {
        var text = parse.GetValue(option);
        if (Duration.TryParse(text, out var parsed) && parsed >= TimeSpan.Zero)
        {
            value = parsed.Value;
            return true;
        }

        value = default;
        error = $"{option.Name} \"{text}\" is not a duration (e.g. 500ms, 5s, 1m)";
        return false;
    }

    private static string? NullIfEmpty(string? s) => string.IsNullOrEmpty(s) ? null : s;
}
