using System.Text.Json;
using System.Text.Json.Serialization;

namespace Netguard.Core.Kube.Models;

/// <summary>Operator is In, NotIn, Exists, DoesNotExist, Gt or Lt.</summary>
public sealed class NodeSelectorRequirement
{
    public string Key { get; set; } = "";
    public string Operator { get; set; } = "";
    public List<string>? Values { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
