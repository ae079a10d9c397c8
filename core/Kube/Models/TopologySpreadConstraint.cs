using System.Text.Json;
using System.Text.Json.Serialization;

namespace Netguard.Core.Kube.Models;

public sealed class TopologySpreadConstraint
{
    public int MaxSkew { get; set; }
    public string TopologyKey { get; set; } = "";
    public string WhenUnsatisfiable { get; set; } = "";
    public LabelSelector? LabelSelector { get; set; }
    public int? MinDomains { get; set; }
    public string? NodeAffinityPolicy { get; set; }
    public string? NodeTaintsPolicy { get; set; }
    public List<string>? MatchLabelKeys { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
