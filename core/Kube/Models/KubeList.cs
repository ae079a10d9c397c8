using System.Text.Json;
using System.Text.Json.Serialization;

namespace Netguard.Core.Kube.Models;

/// <summary>A list response (PodList, NodeList, …) or a kind: List document.</summary>
public sealed class KubeList<T>
{
    public string? ApiVersion { get; set; }
    public string? Kind { get; set; }
    public ListMeta? Metadata { get; set; }
    public List<T> Items { get; set; } = [];

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
