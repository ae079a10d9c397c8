namespace Netguard.Core.Kube.Models;

public sealed class Service : KubeObject
{
    public ServiceSpec? Spec { get; set; }
}
