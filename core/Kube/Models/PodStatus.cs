using System.Text.Json;
using System.Text.Json.Serialization;

namespace Netguard.Core.Kube.Models;

public sealed class PodStatus
{
    public string? Phase { get; set; }
    public string? PodIP { get; set; }
    public List<PodIP>? PodIPs { get; set; }
    public string? HostIP { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
