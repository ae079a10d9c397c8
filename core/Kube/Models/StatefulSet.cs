namespace Netguard.Core.Kube.Models;

public sealed class StatefulSet : KubeObject
{
    public WorkloadSpec? Spec { get; set; }
}
