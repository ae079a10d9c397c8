using Netguard.Core.Check;

namespace Netguard.Core.Audit;

/// <summary>What `audit` found: every audited object in report order, and the SPEC §7 view of it.</summary>
public sealed record AuditReport(IReadOnlyList<AuditedObject> Objects)
{
    /// <summary>Over every audited object: objects, denied objects, warning findings, objects with a fix patch.</summary>
    public CheckSummary Summary { get; } = CheckSummary.Of(Objects.Select(o => o.Result).ToList());

    public bool AnyDenied => Summary.Denied > 0;

    /// <summary>SPEC §7 <c>audit -o json</c>: `check`'s shape with one result per object that has findings.</summary>
    public CheckReport ToCheckReport() => new(Objects.Where(o => o.HasFindings).Select(o => o.Result).ToList(), Summary);
}
