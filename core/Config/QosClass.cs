namespace Netguard.Core.Config;

/// <summary>A network QoS class: an HTB leaf with a guaranteed rate, a ceiling and a priority (0 is served first).</summary>
public sealed class QosClass
{
    public string Name { get; set; } = "";
    public int Priority { get; set; }
    public RateSpec Rate { get; set; }
    public RateSpec Ceil { get; set; } = RateSpec.FromPercent(100);

    /// <summary>DSCP name (CS6, EF, AF41, …) or number 0–63 to mark the class's packets with; null leaves DSCP alone.</summary>
    public string? Dscp { get; set; }

    public static List<QosClass> Defaults() =>
    [
        new() { Name = "control-plane", Priority = 0, Rate = RateSpec.FromPercent(20), Ceil = RateSpec.FromPercent(100), Dscp = "CS6" },
        new() { Name = "latency-sensitive", Priority = 1, Rate = RateSpec.FromPercent(20), Ceil = RateSpec.FromPercent(100) },
        new() { Name = "standard", Priority = 4, Rate = RateSpec.FromPercent(30), Ceil = RateSpec.FromPercent(100) },
        new() { Name = "bulk", Priority = 7, Rate = RateSpec.FromPercent(10), Ceil = RateSpec.FromPercent(90) },
    ];
}
