namespace Netguard.Core.Kube.Models;

public sealed class Pod : KubeObject
{
    public PodSpec? Spec { get; set; }
    public PodStatus? Status { get; set; }
}
