using System.Text.Json;
using System.Text.Json.Serialization;

namespace Netguard.Core.Kube.Models;

public sealed class Affinity
{
    public NodeAffinity? NodeAffinity { get; set; }
    public PodAffinity? PodAffinity { get; set; }
    public PodAffinity? PodAntiAffinity { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
