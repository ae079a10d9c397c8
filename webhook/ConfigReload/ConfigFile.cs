using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Netguard.Core.Config;
using Netguard.Webhook.Files;
using Netguard.Webhook.Logging;
using Netguard.Webhook.Metrics;

namespace Netguard.Webhook.ConfigReload;

/// <summary>
/// The NetguardConfig in use. Without --config it is the built-in default. With it, the file is re-read
/// when it changes (a ConfigMap volume swaps a "..data" symlink) and on a periodic check; a new file that
/// does not parse or validate is rejected with one log line listing every problem, the last good config
/// stays in use, and /metrics says so.
/// </summary>
public sealed class ConfigFile : IDisposable
{
    private readonly string? _path;
    private readonly ConfigParser _parse;
    private readonly WebhookMetrics _metrics;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private NetguardConfig _current = new();
    private string? _lastDigest;
    private FileChangeMonitor? _monitor;

    public ConfigFile(string? path, ConfigParser parse, WebhookMetrics metrics, ILogger<ConfigFile> logger, TimeProvider time)
    {
        _path = path;
        _parse = parse;
        _metrics = metrics;
        _logger = logger;
        _time = time;
    }

    /// <summary>The config to evaluate with; read once per request.</summary>
    public NetguardConfig Current => Volatile.Read(ref _current);

    /// <summary>The path of --config, or null for the built-in default.</summary>
    public string? Path => _path;

    /// <summary>Start-up load: throws <see cref="ConfigFileException"/> (one line listing every problem) when unusable.</summary>
    public void LoadInitial()
    {
        if (_path is null)
        {
            _metrics.ConfigReloaded(success: true, _time.GetUtcNow());
            return;
        }

        var (text, digest) = Read(_path);
        var outcome = _parse(text);
        if (outcome.Config is null)
        {
            throw new ConfigFileException($"config {_path} is invalid: {string.Join("; ", outcome.Problems)}");
        }

        Apply(outcome.Config, digest);
    }

    /// <summary>Re-reads the file; applies it when it changed and is valid. True when a new config is in use.</summary>
    public bool Reload()
    {
        if (_path is null)
        {
            return false;
        }

        string text, digest;
        try
        {
            (text, digest) = Read(_path);
        }
        catch (ConfigFileException e)
        {
            Reject(e.Message, digest: null);
            return false;
        }

        if (digest == Volatile.Read(ref _lastDigest))
        {
            return false;
        }

        ConfigParseOutcome outcome;
        try
        {
            outcome = _parse(text);
        }
#pragma warning disable CA1031 // A parser bug must not take the last good config down with it.
        catch (Exception e)
#pragma warning restore CA1031
        {
            outcome = ConfigParseOutcome.Invalid([e.Message.ReplaceLineEndings(" ")]);
        }

        if (outcome.Config is null)
        {
            Reject(string.Join("; ", outcome.Problems), digest);
            return false;
        }

        Apply(outcome.Config, digest);
        return true;
    }

    public void StartWatching(TimeSpan interval)
    {
        if (_path is not null)
        {
            _monitor ??= new FileChangeMonitor("the config file", [_path], interval, () => Reload(), _time, _logger);
        }
    }

    public void Dispose() => _monitor?.Dispose();

    private static (string Text, string Digest) Read(string path)
    {
        try
        {
            var bytes = File.ReadAllBytes(path);
            return (System.Text.Encoding.UTF8.GetString(bytes), Convert.ToHexString(SHA256.HashData(bytes)));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConfigFileException($"cannot read config {path}: {e.Message.ReplaceLineEndings(" ")}", e);
        }
    }

    private void Apply(NetguardConfig config, string digest)
    {
        Volatile.Write(ref _current, config);
        Volatile.Write(ref _lastDigest, digest);
        _metrics.ConfigReloaded(success: true, _time.GetUtcNow());
        WebhookLog.ConfigLoaded(_logger, _path!, digest[..12].ToLowerInvariant());
    }

    private void Reject(string problems, string? digest)
    {
        if (digest is not null)
        {
            Volatile.Write(ref _lastDigest, digest);
        }

        _metrics.ConfigReloaded(success: false, _time.GetUtcNow());
        WebhookLog.ConfigRejected(_logger, _path!, problems);
    }
}
