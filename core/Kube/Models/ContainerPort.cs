using System.Text.Json;
using System.Text.Json.Serialization;

namespace Netguard.Core.Kube.Models;

public sealed class ContainerPort
{
    public string? Name { get; set; }
    [JsonPropertyName("containerPort")]
    public int Port { get; set; }
    /// <summary>TCP (default), UDP or SCTP.</summary>
    public string? Protocol { get; set; }
    public int? HostPort { get; set; }
    public string? HostIP { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
