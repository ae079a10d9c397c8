namespace Netguard.Core.Reachability;

/// <summary>
/// The verdict of one side of a connection. <see cref="Policies"/> are the policies that isolate the pod in
/// this direction (every one of them had a say); <see cref="AllowedBy"/> are the rules that allow the
/// connection; <see cref="Undecided"/> are rules whose ipBlock might allow it if the peer's address were known.
/// </summary>
public sealed record DirectionVerdict(
    PolicyDirection Direction,
    bool Allowed,
    DirectionReason Reason,
    IReadOnlyList<PolicyRef> Policies,
    IReadOnlyList<RuleRef> AllowedBy,
    IReadOnlyList<RuleRef> Undecided)
{
    public bool Isolated => Policies.Count > 0;

    internal static DirectionVerdict Open(PolicyDirection direction, DirectionReason reason, IReadOnlyList<PolicyRef>? policies = null) =>
        new(direction, true, reason, policies ?? [], [], []);
}
