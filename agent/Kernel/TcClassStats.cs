namespace Netguard.Agent.Kernel;

/// <summary>Counters of a class from `tc -s class show`.</summary>
public sealed record TcClassStats(long Bytes, long Packets, long Drops, long Overlimits, long BacklogBytes, long BacklogPackets);
