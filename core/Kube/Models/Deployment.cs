namespace Netguard.Core.Kube.Models;

public sealed class Deployment : KubeObject
{
    public WorkloadSpec? Spec { get; set; }
}
