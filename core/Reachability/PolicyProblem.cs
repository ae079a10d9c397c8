namespace Netguard.Core.Reachability;

/// <summary>
/// A NetworkPolicy field the API server would reject (bad CIDR, endPort below port, unknown protocol, …).
/// The engine compiles such a field to "matches nothing"; the CLI refuses input that has any.
/// </summary>
public sealed record PolicyProblem(PolicyRef Policy, string Path, string Message)
{
    public override string ToString() => $"NetworkPolicy {Policy}: {Path}: {Message}";
}
