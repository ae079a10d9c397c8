using System.Text.Json;
using System.Text.Json.Serialization;

namespace Netguard.Core.Kube.Models;

/// <summary>podSelector and namespaceSelector in one peer are ANDed.</summary>
public sealed class NetworkPolicyPeer
{
    public LabelSelector? PodSelector { get; set; }
    public LabelSelector? NamespaceSelector { get; set; }
    public IPBlock? IpBlock { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
