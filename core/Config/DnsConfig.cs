namespace Netguard.Core.Config;

/// <summary>Where the cluster DNS pods are, for netpol-blocks-dns.</summary>
public sealed class DnsConfig
{
    public string Namespace { get; set; } = "kube-system";
    public Dictionary<string, string> PodLabels { get; set; } = new(StringComparer.Ordinal) { ["k8s-app"] = "kube-dns" };
    public int Port { get; set; } = 53;
}
