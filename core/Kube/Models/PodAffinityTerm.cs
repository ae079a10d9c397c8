using System.Text.Json;
using System.Text.Json.Serialization;

namespace Netguard.Core.Kube.Models;

public sealed class PodAffinityTerm
{
    public LabelSelector? LabelSelector { get; set; }
    public List<string>? Namespaces { get; set; }
    public LabelSelector? NamespaceSelector { get; set; }
    public string TopologyKey { get; set; } = "";
    public List<string>? MatchLabelKeys { get; set; }
    public List<string>? MismatchLabelKeys { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
