using Netguard.Core.Check;

namespace Netguard.Core.Audit;

/// <summary>
/// One live object `audit` judged: its verdict in `check`'s shape (findings as they stand, the patch that fixes
/// what can be patched), what a PolicyReport needs to reference it, and the rules that judged it.
/// </summary>
public sealed record AuditedObject(CheckResult Result, string ApiVersion, string? Uid, IReadOnlyList<string> Rules)
{
    public bool HasFindings => Result.Findings.Count > 0;
}
