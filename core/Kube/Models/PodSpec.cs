using System.Text.Json;
using System.Text.Json.Serialization;

namespace Netguard.Core.Kube.Models;

public sealed class PodSpec
{
    public string? NodeName { get; set; }
    public Dictionary<string, string>? NodeSelector { get; set; }
    public List<Toleration>? Tolerations { get; set; }
    public Affinity? Affinity { get; set; }
    public List<TopologySpreadConstraint>? TopologySpreadConstraints { get; set; }
    public List<Container>? Containers { get; set; }
    public List<Container>? InitContainers { get; set; }
    public string? PriorityClassName { get; set; }
    public int? Priority { get; set; }
    public bool? HostNetwork { get; set; }
    public string? ServiceAccountName { get; set; }
    public string? SchedulerName { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
