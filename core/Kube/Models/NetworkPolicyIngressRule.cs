using System.Text.Json;
using System.Text.Json.Serialization;

namespace Netguard.Core.Kube.Models;

public sealed class NetworkPolicyIngressRule
{
    /// <summary>Absent or empty: every source.</summary>
    public List<NetworkPolicyPeer>? From { get; set; }
    /// <summary>Absent or empty: every port.</summary>
    public List<NetworkPolicyPort>? Ports { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
