using System.Text.Json;
using System.Text.Json.Serialization;

namespace Netguard.Core.Kube.Models;

/// <summary>Required node affinity: the terms are ORed.</summary>
public sealed class NodeSelector
{
    public List<NodeSelectorTerm> NodeSelectorTerms { get; set; } = [];

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
