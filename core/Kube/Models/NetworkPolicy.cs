namespace Netguard.Core.Kube.Models;

public sealed class NetworkPolicy : KubeObject
{
    public NetworkPolicySpec Spec { get; set; } = new();
}
