using Netguard.Core.Kube.Models;

namespace Netguard.Core.Audit;

/// <summary>A control-plane node as `taints` reports it: whether it carries the configured taint, and the business pods on it.</summary>
public sealed record ControlPlaneNodeState(Node Node, bool Tainted, IReadOnlyList<Pod> BusinessPods)
{
    public string Name => Node.Metadata.Name ?? "";
}
