namespace Netguard.Core.Config;

/// <summary>The NetguardConfig (SPEC §4). Every field has a default, so new() is the built-in default config.</summary>
public sealed class NetguardConfig
{
    public const string CurrentApiVersion = "netguard.io/v1alpha1";

    public string ApiVersion { get; set; } = CurrentApiVersion;
    public string Kind { get; set; } = nameof(NetguardConfig);
    public ControlPlaneConfig ControlPlane { get; set; } = new();
    public TopologyConfig Topology { get; set; } = new();
    public NetpolConfig Netpol { get; set; } = new();
    public QosConfig Qos { get; set; } = new();
    /// <summary>Per-rule action overrides; rules not named here use their default.</summary>
    public Dictionary<string, RuleAction> Rules { get; set; } = new(StringComparer.Ordinal);
}
