namespace Netguard.Core.Config;

public sealed class ServiceTopologyConfig
{
    /// <summary>Empty: the service-topology mutation is off.</summary>
    public string TrafficDistribution { get; set; } = "PreferClose";
}
