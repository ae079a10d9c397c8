namespace Netguard.Core.Reachability;

/// <summary>One rule of a policy: <c>ns/name ingress[0]</c>.</summary>
public readonly record struct RuleRef(PolicyRef Policy, PolicyDirection Direction, int Index)
{
    public string Path => $"{(Direction == PolicyDirection.Ingress ? "ingress" : "egress")}[{Index}]";

    public override string ToString() => $"{Policy} {Path}";
}
