namespace Netguard.Webhook.Options;

/// <summary>How log lines are written to stdout.</summary>
public enum LogFormat
{
    /// <summary>One human-readable line per event.</summary>
    Text,

    /// <summary>One JSON object per line (for log collectors).</summary>
    Json,
}
