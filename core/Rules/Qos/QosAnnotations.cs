namespace Netguard.Core.Rules.Qos;

/// <summary>The pod annotations of SPEC §3 and the values of <c>netguard.io/qos-source</c>.</summary>
public static class QosAnnotations
{
    public const string Class = "netguard.io/qos-class";
    public const string Source = "netguard.io/qos-source";

    public const string SourceRequested = "requested";
    public const string SourceDefault = "default";
    public const string SourceAssignmentPrefix = "assignment:";

    /// <summary>True for the sources the webhook writes itself (not "requested").</summary>
    public static bool IsStamped(string? source) =>
        source == SourceDefault || (source?.StartsWith(SourceAssignmentPrefix, StringComparison.Ordinal) ?? false);
}
