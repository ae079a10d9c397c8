using Netguard.Core.Config;

namespace Netguard.Core.Admission;

/// <summary>
/// Static facts about a rule: its stable id (SPEC §5), the phases it runs in, its default action,
/// and the kinds and operations it looks at. <see cref="AuditOnly"/> rules run only in `audit`.
/// </summary>
public sealed record RuleDescriptor(
    string Id,
    RulePhase Phases,
    RuleAction DefaultAction,
    IReadOnlyList<string> Kinds,
    IReadOnlyList<AdmissionOperation> Operations,
    string Summary)
{
    public bool AuditOnly { get; init; }

    public bool AppliesTo(string kind, AdmissionOperation operation) =>
        Kinds.Contains(kind, StringComparer.Ordinal) && Operations.Contains(operation);
}
