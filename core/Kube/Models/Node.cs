namespace Netguard.Core.Kube.Models;

public sealed class Node : KubeObject
{
    public NodeSpec? Spec { get; set; }
    public NodeStatus? Status { get; set; }
}
