using System.Text.Json;
using System.Text.Json.Serialization;

namespace Netguard.Core.Kube.Models;

/// <summary>metav1.LabelSelector: requirements are ANDed; an empty selector matches everything.</summary>
public sealed class LabelSelector
{
    public Dictionary<string, string>? MatchLabels { get; set; }
    public List<LabelSelectorRequirement>? MatchExpressions { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
