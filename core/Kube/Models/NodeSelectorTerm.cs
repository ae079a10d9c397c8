using System.Text.Json;
using System.Text.Json.Serialization;

namespace Netguard.Core.Kube.Models;

/// <summary>One term: its requirements are ANDed.</summary>
public sealed class NodeSelectorTerm
{
    public List<NodeSelectorRequirement>? MatchExpressions { get; set; }
    public List<NodeSelectorRequirement>? MatchFields { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
