namespace Netguard.Core.Qos;

/// <summary>A configured class resolved on this node: its HTB leaf and the pods in it (for status and metrics).</summary>
public sealed record QosClassPlan(string Name, TcHandle ClassId, long RateBitsPerSecond, long CeilBitsPerSecond, int Priority, int? Dscp, int PodCount);
