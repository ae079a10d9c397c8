namespace Netguard.Core.Kube.Models;

public sealed class DaemonSet : KubeObject
{
    public WorkloadSpec? Spec { get; set; }
}
