namespace Netguard.Core.Qos;

/// <summary>
/// One HTB class. Rates are bits per second and multiples of 8, because the kernel keeps them
/// in bytes per second and a read-back must give the same number. <see cref="Priority"/> is null
/// for the inner parent class (prio only matters for leaves).
/// </summary>
public sealed record HtbClassPlan(
    string Name,
    TcHandle ClassId,
    TcHandle Parent,
    long RateBitsPerSecond,
    long CeilBitsPerSecond,
    int? Priority,
    int Quantum,
    LeafQdiscPlan? LeafQdisc);
