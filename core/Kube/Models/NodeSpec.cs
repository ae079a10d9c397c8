using System.Text.Json;
using System.Text.Json.Serialization;

namespace Netguard.Core.Kube.Models;

public sealed class NodeSpec
{
    public List<Taint>? Taints { get; set; }
    public bool? Unschedulable { get; set; }
    public string? PodCIDR { get; set; }
    public List<string>? PodCIDRs { get; set; }
    public string? ProviderID { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
