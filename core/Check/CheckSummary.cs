namespace Netguard.Core.Check;

/// <summary>
/// SPEC §7 <c>summary</c>: objects checked, objects denied, warning findings (a warning is one message, so an
/// object can contribute several), objects with a non-empty patch.
/// </summary>
public sealed record CheckSummary(int Objects, int Denied, int Warnings, int Mutated)
{
    public static CheckSummary Of(IReadOnlyCollection<CheckResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        return new(
            results.Count,
            results.Count(r => !r.Allowed),
            results.Sum(r => r.Findings.Count(f => f.Action == Admission.FindingAction.Warn)),
            results.Count(r => r.Mutated));
    }
}
