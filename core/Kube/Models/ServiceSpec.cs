using System.Text.Json;
using System.Text.Json.Serialization;

namespace Netguard.Core.Kube.Models;

public sealed class ServiceSpec
{
    public Dictionary<string, string>? Selector { get; set; }
    public string? Type { get; set; }
    public string? ClusterIP { get; set; }
    public List<ServicePort>? Ports { get; set; }
    public string? TrafficDistribution { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
