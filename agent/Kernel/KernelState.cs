using Netguard.Core.Qos;

namespace Netguard.Agent.Kernel;

/// <summary>What the kernel has on one device now: its qdiscs, its HTB classes, and the agent's nft table (null when absent).</summary>
public sealed record KernelState(string Device, IReadOnlyList<TcQdisc> Qdiscs, IReadOnlyList<TcClass> Classes, NftTablePlan? Table)
{
    public TcQdisc? Root => Qdiscs.FirstOrDefault(q => q.IsRoot);
}
