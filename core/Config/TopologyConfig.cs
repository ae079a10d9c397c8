namespace Netguard.Core.Config;

public sealed class TopologyConfig
{
    public List<SpreadRule> Spread { get; set; } = [new SpreadRule()];
    public List<ColocateRule> Colocate { get; set; } = [];
    public ServiceTopologyConfig Services { get; set; } = new();
}
