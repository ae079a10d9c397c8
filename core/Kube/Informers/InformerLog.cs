using Microsoft.Extensions.Logging;

namespace Netguard.Core.Kube.Informers;

internal static partial class InformerLog
{
    [LoggerMessage(Level = LogLevel.Debug, Message = "{Resource}: listed {Count} objects at resourceVersion {ResourceVersion}")]
    public static partial void Listed(ILogger logger, string resource, int count, string? resourceVersion);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Resource}: watching from resourceVersion {ResourceVersion}")]
    public static partial void Watching(ILogger logger, string resource, string? resourceVersion);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Resource}: watch expired ({Message}); listing again")]
    public static partial void Expired(ILogger logger, string resource, string message);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Resource}: watch interrupted ({Message}); reconnecting")]
    public static partial void Interrupted(ILogger logger, string resource, string message);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Resource}: list/watch failed ({Message}); retry {Attempt} in {Delay}")]
    public static partial void Retrying(ILogger logger, string resource, string message, int attempt, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Resource}: event handler failed")]
    public static partial void HandlerFailed(ILogger logger, string resource, Exception exception);
}
