namespace Netguard.Core.Qos;

/// <summary>The desired kernel state for one device: the HTB tree and the nftables table, plus what status reports.</summary>
public sealed record QosPlan(
    string Device,
    long LinkBitsPerSecond,
    string LeafQdisc,
    HtbPlan Htb,
    NftTablePlan Nft,
    IReadOnlyList<QosClassPlan> Classes,
    IReadOnlyList<QosPodAssignment> Pods,
    IReadOnlyList<string> Warnings)
{
    /// <summary>The class node traffic to/from controlPlanePorts goes to; null without ports.</summary>
    public string? PortsClass { get; init; }
}
