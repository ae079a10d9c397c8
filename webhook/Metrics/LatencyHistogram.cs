namespace Netguard.Webhook.Metrics;

/// <summary>A lock-free latency histogram (seconds) with fixed buckets; updated with Interlocked on the hot path.</summary>
public sealed class LatencyHistogram
{
    /// <summary>Upper bounds in seconds: fine below 10 ms, where an admission webhook should live.</summary>
    public static readonly double[] Bounds =
        [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

    private readonly long[] _counts = new long[Bounds.Length + 1];
    private long _count;
    private long _sumNanoseconds;

    public void Observe(TimeSpan elapsed)
    {
        var seconds = elapsed.TotalSeconds;
        var i = 0;
        while (i < Bounds.Length && seconds > Bounds[i])
        {
            i++;
        }

        Interlocked.Increment(ref _counts[i]);
        Interlocked.Add(ref _sumNanoseconds, (long)(elapsed.Ticks * 100L));
        Interlocked.Increment(ref _count);
    }

    public long Count => Interlocked.Read(ref _count);

    public double SumSeconds => Interlocked.Read(ref _sumNanoseconds) / 1e9;

    /// <summary>
    /// Cumulative counts per bound (the Prometheus "le" buckets), the last entry being +Inf. Use that entry as
    /// the count in an exposition so +Inf and _count agree even while requests are being observed.
    /// </summary>
    public long[] CumulativeCounts()
    {
        var result = new long[_counts.Length];
        long running = 0;
        for (var i = 0; i < _counts.Length; i++)
        {
            running += Interlocked.Read(ref _counts[i]);
            result[i] = running;
        }

        return result;
    }
}
