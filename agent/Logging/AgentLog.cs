using Microsoft.Extensions.Logging;

namespace Netguard.Agent.Logging;

/// <summary>The agent's log lines (source-generated).</summary>
internal static partial class AgentLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "shaping {Device} at {LinkRate} ({LinkRateSource}); leaf qdisc {LeafQdisc}; {Nft}")]
    public static partial void Started(ILogger logger, string device, string linkRate, string linkRateSource, string leafQdisc, string nft);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "capability probe: {Note}")]
    public static partial void ProbeFellBack(ILogger logger, string note);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "reconciled {Device}: {Changes} in {Milliseconds} ms ({Reads} reads, {Writes} writes)")]
    public static partial void Reconciled(ILogger logger, string device, string changes, long milliseconds, int reads, int writes);

    [LoggerMessage(EventId = 4, Level = LogLevel.Debug, Message = "reconciled {Device}: kernel matches the plan")]
    public static partial void Unchanged(ILogger logger, string device);

    [LoggerMessage(EventId = 5, Level = LogLevel.Error, Message = "{Refusal}")]
    public static partial void Refused(ILogger logger, string refusal);

    [LoggerMessage(EventId = 6, Level = LogLevel.Error, Message = "reconcile failed: {Reason}; retrying in {RetrySeconds} s")]
    public static partial void ReconcileFailed(ILogger logger, string reason, double retrySeconds);

    [LoggerMessage(EventId = 7, Level = LogLevel.Warning, Message = "plan: {Warning}")]
    public static partial void PlanWarning(ILogger logger, string warning);

    [LoggerMessage(EventId = 8, Level = LogLevel.Error, Message = "{Problem}; keeping the last good config")]
    public static partial void ConfigRejected(ILogger logger, string problem);

    [LoggerMessage(EventId = 9, Level = LogLevel.Information, Message = "config {Path} reloaded")]
    public static partial void ConfigReloaded(ILogger logger, string path);

    [LoggerMessage(EventId = 10, Level = LogLevel.Warning, Message = "status write failed: {Reason}; will retry")]
    public static partial void StatusWriteFailed(ILogger logger, string reason);

    [LoggerMessage(EventId = 11, Level = LogLevel.Error, Message = "pods file: {Problem}; keeping the last good pods")]
    public static partial void PodsFileRejected(ILogger logger, string problem);

    [LoggerMessage(EventId = 12, Level = LogLevel.Warning, Message = "pods file {Path}: left out {Count} pods whose spec.nodeName is not {Node}")]
    public static partial void PodsFileOtherNodes(ILogger logger, string path, int count, string node);

    [LoggerMessage(EventId = 13, Level = LogLevel.Information, Message = "stopping; the shaping stays in place")]
    public static partial void Stopping(ILogger logger);
}
