using System.Text.Json;
using System.Text.Json.Serialization;

namespace Netguard.Core.Kube.Models;

public sealed class GroupVersionKind
{
    public string Group { get; set; } = "";
    public string Version { get; set; } = "";
    public string Kind { get; set; } = "";

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
