using System.Text.Json;
using System.Text.Json.Serialization;

namespace Netguard.Core.Kube.Models;

public sealed class NetworkPolicySpec
{
    /// <summary>Empty selects every pod in the namespace.</summary>
    public LabelSelector? PodSelector { get; set; }
    public List<NetworkPolicyIngressRule>? Ingress { get; set; }
    public List<NetworkPolicyEgressRule>? Egress { get; set; }
    /// <summary>Absent: Ingress, plus Egress when egress rules exist.</summary>
    public List<string>? PolicyTypes { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
