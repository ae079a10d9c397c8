namespace Netguard.Core.Kube.Models;

public sealed class Job : KubeObject
{
    public WorkloadSpec? Spec { get; set; }
}
