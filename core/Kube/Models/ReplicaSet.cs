namespace Netguard.Core.Kube.Models;

public sealed class ReplicaSet : KubeObject
{
    public WorkloadSpec? Spec { get; set; }
}
