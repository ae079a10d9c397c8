using System.Text.Json;
using System.Text.Json.Serialization;

namespace Netguard.Core.Kube.Models;

public sealed class ServicePort
{
    public string? Name { get; set; }
    public string? Protocol { get; set; }
    public int Port { get; set; }
    public IntOrString? TargetPort { get; set; }
    public int? NodePort { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
