using System.Text.Json;
using System.Text.Json.Serialization;

namespace Netguard.Core.Kube.Models;

public sealed class NetworkPolicyEgressRule
{
    /// <summary>Absent or empty: every destination.</summary>
    public List<NetworkPolicyPeer>? To { get; set; }
    /// <summary>Absent or empty: every port.</summary>
    public List<NetworkPolicyPort>? Ports { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
