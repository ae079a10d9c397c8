using System.Text.Json;
using System.Text.Json.Serialization;

namespace Netguard.Core.Kube.Models;

/// <summary>One selector requirement; Operator is In, NotIn, Exists or DoesNotExist.</summary>
public sealed class LabelSelectorRequirement
{
    public string Key { get; set; } = "";
    public string Operator { get; set; } = "";
    public List<string>? Values { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
