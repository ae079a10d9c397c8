using System.Text.Json;
using System.Text.Json.Serialization;

namespace Netguard.Core.Kube.Models;

public sealed class Container
{
    public string? Name { get; set; }
    public string? Image { get; set; }
    public List<ContainerPort>? Ports { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
