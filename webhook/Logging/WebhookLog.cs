using Microsoft.Extensions.Logging;

namespace Netguard.Webhook.Logging;

/// <summary>Every log event of the webhook, source-generated: stable event ids and names, structured fields.</summary>
internal static partial class WebhookLog
{
    [LoggerMessage(1, LogLevel.Information, "Serving admission webhook on {Endpoint} (offline: {Offline}, config: {Config})")]
    public static partial void Listening(ILogger logger, string endpoint, bool offline, string config);

    [LoggerMessage(2, LogLevel.Information, "Shutting down: /readyz fails now; closing the listener in {DelaySeconds}s, then draining in-flight requests")]
    public static partial void ShutdownStarted(ILogger logger, double delaySeconds);

    [LoggerMessage(10, LogLevel.Debug, "{Endpoint} {Operation} {Kind} {Namespace}/{Name} uid={Uid}: {Decision} (patch ops: {PatchOps}, warnings: {Warnings}, rules: {Rules})")]
    public static partial void Answered(ILogger logger, string endpoint, string operation, string kind, string? @namespace, string? name, string uid, string decision, int patchOps, int warnings, string rules);

    [LoggerMessage(11, LogLevel.Information, "{Endpoint} denied {Operation} {Kind} {Namespace}/{Name} uid={Uid} user={User}: {Message}")]
    public static partial void Denied(ILogger logger, string endpoint, string operation, string kind, string? @namespace, string? name, string uid, string? user, string message);

    [LoggerMessage(12, LogLevel.Warning, "{Endpoint}: bad request from {Remote}: {Reason}")]
    public static partial void BadRequest(ILogger logger, string endpoint, string? remote, string reason);

    [LoggerMessage(13, LogLevel.Error, "{Endpoint}: rule {Rule} failed on {Operation} {Kind} {Namespace}/{Name} uid={Uid}; answered {Answer}")]
    public static partial void RuleFailed(ILogger logger, Exception exception, string endpoint, string rule, string operation, string kind, string? @namespace, string? name, string uid, string answer);

    [LoggerMessage(20, LogLevel.Information, "Serving certificate loaded from {CertificateFile}: subject {Subject}, not after {NotAfter:O}, sha256 {Thumbprint}")]
    public static partial void CertificateLoaded(ILogger logger, string certificateFile, string subject, DateTimeOffset notAfter, string thumbprint);

    [LoggerMessage(21, LogLevel.Warning, "Serving certificate not reloaded, keeping the current one: {Reason}")]
    public static partial void CertificateReloadFailed(ILogger logger, string reason);

    [LoggerMessage(22, LogLevel.Warning, "Serving certificate {Subject} is outside its validity period ({NotBefore:O} to {NotAfter:O}); the API server will refuse it")]
    public static partial void CertificateNotValidNow(ILogger logger, string subject, DateTimeOffset notBefore, DateTimeOffset notAfter);

    [LoggerMessage(30, LogLevel.Information, "Config loaded from {ConfigFile} (sha256 {Digest})")]
    public static partial void ConfigLoaded(ILogger logger, string configFile, string digest);

    [LoggerMessage(31, LogLevel.Error, "Config {ConfigFile} rejected, keeping the last good config: {Problems}")]
    public static partial void ConfigRejected(ILogger logger, string configFile, string problems);

    [LoggerMessage(40, LogLevel.Warning, "Watching {What} in {Directory} failed, relying on the periodic check: {Message}")]
    public static partial void FileWatchError(ILogger logger, string what, string directory, string message);

    [LoggerMessage(41, LogLevel.Error, "Checking {What} for changes failed: {Message}")]
    public static partial void FileCheckFailed(ILogger logger, string what, string message);

    [LoggerMessage(50, LogLevel.Information, "Cache {Resource} synced with {Objects} objects")]
    public static partial void CacheSynced(ILogger logger, string resource, int objects);

    [LoggerMessage(51, LogLevel.Information, "All caches synced; ready")]
    public static partial void AllCachesSynced(ILogger logger);
}
