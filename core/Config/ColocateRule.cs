namespace Netguard.Core.Config;

/// <summary>Adds a preferred podAffinity term towards pods carrying With.Labels.</summary>
public sealed class ColocateRule
{
    public List<string> Namespaces { get; set; } = [];
    public Dictionary<string, string> MatchLabels { get; set; } = new(StringComparer.Ordinal);
    public ColocateTarget With { get; set; } = new();
    public string TopologyKey { get; set; } = "kubernetes.io/hostname";
    public int Weight { get; set; } = 100;
}
