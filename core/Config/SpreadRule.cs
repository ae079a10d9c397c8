namespace Netguard.Core.Config;

/// <summary>Adds a topologySpreadConstraint to matching pods that have none on TopologyKey.</summary>
public sealed class SpreadRule
{
    /// <summary>Empty: every namespace.</summary>
    public List<string> Namespaces { get; set; } = [];
    /// <summary>Empty: every pod.</summary>
    public Dictionary<string, string> MatchLabels { get; set; } = new(StringComparer.Ordinal);
    public string TopologyKey { get; set; } = "topology.kubernetes.io/zone";
    public int MaxSkew { get; set; } = 1;
    public string WhenUnsatisfiable { get; set; } = "ScheduleAnyway";
    /// <summary>The first key present on the pod builds the labelSelector.</summary>
    public List<string> SelectorLabelKeys { get; set; } = ["app.kubernetes.io/name", "app"];
}
