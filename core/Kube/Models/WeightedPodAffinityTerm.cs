using System.Text.Json;
using System.Text.Json.Serialization;

namespace Netguard.Core.Kube.Models;

public sealed class WeightedPodAffinityTerm
{
    public int Weight { get; set; }
    public PodAffinityTerm PodAffinityTerm { get; set; } = new();

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
