namespace Netguard.Core.Qos;

/// <summary>What the kernel offers the planner: the leaf qdisc kinds a probe could create.</summary>
public sealed record KernelCapabilities(IReadOnlySet<string> LeafQdiscs)
{
    /// <summary>A kernel with every leaf qdisc the planner knows (for planning without a probe).</summary>
    public static KernelCapabilities All { get; } = new(new HashSet<string>(LeafQdiscChooser.Preference, StringComparer.Ordinal));

    /// <summary>Only the FIFOs, which every kernel with CONFIG_NET_SCHED has built in.</summary>
    public static KernelCapabilities FifoOnly { get; } = new(new HashSet<string>(["bfifo", "pfifo"], StringComparer.Ordinal));
}
