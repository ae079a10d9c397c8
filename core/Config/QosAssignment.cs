namespace Netguard.Core.Config;

/// <summary>Fields are ANDed; an absent field matches anything.</summary>
public sealed class QosAssignment
{
    /// <summary>Optional; qos-source reads assignment:NAME instead of the index.</summary>
    public string? Name { get; set; }
    public string Class { get; set; } = "";
    public List<string>? Namespaces { get; set; }
    public List<string>? PriorityClassNames { get; set; }
    public Dictionary<string, string>? MatchLabels { get; set; }

    public static List<QosAssignment> Defaults() =>
    [
        new() { Class = "control-plane", Namespaces = ["kube-system"], PriorityClassNames = ["system-cluster-critical", "system-node-critical"] },
        new() { Class = "bulk", MatchLabels = new(StringComparer.Ordinal) { ["netguard.io/workload"] = "batch" } },
    ];
}
