namespace Netguard.Core.Check;

/// <summary>What `check` (and `audit`) found: one result per object, in input order, and the summary.</summary>
public sealed record CheckReport(IReadOnlyList<CheckResult> Results, CheckSummary Summary)
{
    public bool AnyDenied => Summary.Denied > 0;
}
