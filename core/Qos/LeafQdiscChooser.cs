namespace Netguard.Core.Qos;

/// <summary>
/// Picks the leaf qdisc under each HTB class. Preference: fq_codel (per-flow fairness and AQM, the
/// Linux default), fq (per-flow fairness and pacing), sfq (stochastic fairness), then bfifo, which
/// is always built in. The FIFO fallback is bfifo rather than pfifo because its limit is in bytes:
/// with GSO/TSO the qdisc sees packets of up to 64 KiB, so a packet-count limit bounds nothing.
/// </summary>
public static class LeafQdiscChooser
{
    public static IReadOnlyList<string> Preference { get; } = ["fq_codel", "fq", "sfq", "bfifo"];

    /// <summary>Queueing delay the bfifo fallback may hold at the class's ceiling.</summary>
    public static readonly TimeSpan FifoTargetDelay = TimeSpan.FromMilliseconds(10);

    /// <summary>Two maximal GSO packets, so a single superpacket is never dropped by an empty queue.</summary>
    public const long FifoMinimumBytes = 2 * 65536;

    public static string ChooseKind(KernelCapabilities capabilities)
    {
        ArgumentNullException.ThrowIfNull(capabilities);
        return Preference.FirstOrDefault(capabilities.LeafQdiscs.Contains) ?? "bfifo";
    }

    public static LeafQdiscPlan Plan(string kind, long ceilBitsPerSecond) => kind switch
    {
        "bfifo" => new LeafQdiscPlan(kind, [new("limit", FifoLimitBytes(ceilBitsPerSecond))]),
        _ => new LeafQdiscPlan(kind, []),
    };

    /// <summary>Bytes the class can send at its ceiling in <see cref="FifoTargetDelay"/>, at least <see cref="FifoMinimumBytes"/>.</summary>
    public static long FifoLimitBytes(long ceilBitsPerSecond) =>
        Math.Max(FifoMinimumBytes, (long)(ceilBitsPerSecond / 8.0 * FifoTargetDelay.TotalSeconds));
}
