namespace Netguard.Core.Kube.Models;

public sealed class Pod : KubeObject
{
    public PodSpec? Spec { get; set; }
    public PodStatus? Status { get; set; }

    /// <summary>Succeeded or Failed: the pod's containers are gone, and with them its network and its IPs.</summary>
    /// <remarks>A method, not a property: it must stay out of the serializer's contract.</remarks>
    public bool IsFinished() => Status?.Phase is "Succeeded" or "Failed";
}
