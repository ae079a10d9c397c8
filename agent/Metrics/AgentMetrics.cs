using System.Text;
using Netguard.Agent.Kernel;
using Netguard.Core.Qos;

namespace Netguard.Agent.Metrics;

/// <summary>
/// The agent's Prometheus metrics (SPEC §6.4): reconciles by result, their duration, errors, tool launches,
/// pods per class, and per-class traffic counters read from `tc -s class show` when scraped.
/// </summary>
public sealed class AgentMetrics
{
    private static readonly double[] Buckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    private readonly Lock _lock = new();
    private readonly Dictionary<string, long> _reconciles = new(StringComparer.Ordinal);
    private readonly long[] _bucketCounts = new long[Buckets.Length];
    private double _durationSum;
    private long _durationCount;
    private long _errors;
    private long _readLaunches;
    private long _writeLaunches;
    private long _configRejections;
    private double _lastSuccess;
    private QosPlan? _plan;

    public void Reconciled(string result, TimeSpan duration, int readLaunches, int writeLaunches, DateTimeOffset now)
    {
        lock (_lock)
        {
            _reconciles[result] = _reconciles.GetValueOrDefault(result) + 1;
            var seconds = duration.TotalSeconds;
            _durationSum += seconds;
            _durationCount++;
            for (var i = 0; i < Buckets.Length; i++)
            {
                if (seconds <= Buckets[i])
                {
                    _bucketCounts[i]++;
                }
            }

            _readLaunches += readLaunches;
            _writeLaunches += writeLaunches;
            if (result is "changed" or "unchanged")
            {
                _lastSuccess = now.ToUnixTimeMilliseconds() / 1000.0;
            }
        }
    }

    public void ReconcileFailed()
    {
        lock (_lock)
        {
            _errors++;
            _reconciles["error"] = _reconciles.GetValueOrDefault("error") + 1;
        }
    }

    public void ConfigRejected()
    {
        lock (_lock)
        {
            _configRejections++;
        }
    }

    public void Planned(QosPlan plan)
    {
        lock (_lock)
        {
            _plan = plan;
        }
    }

    public QosPlan? CurrentPlan
    {
        get
        {
            lock (_lock)
            {
                return _plan;
            }
        }
    }

    public string Render(IReadOnlyList<TcClass>? classStats)
    {
        var sb = new StringBuilder();
        lock (_lock)
        {
            Header(sb, "netguard_agent_reconciles_total", "counter", "Reconciles by result: changed, unchanged, refused (foreign root qdisc), error.");
            foreach (var (result, count) in _reconciles.OrderBy(r => r.Key, StringComparer.Ordinal))
            {
                sb.Append("netguard_agent_reconciles_total{result=\"").Append(result).Append("\"} ").Append(PrometheusFormat.Number(count)).Append('\n');
            }

            Header(sb, "netguard_agent_reconcile_errors_total", "counter", "Reconciles that failed (tool error, unreadable state).");
            sb.Append("netguard_agent_reconcile_errors_total ").Append(PrometheusFormat.Number(_errors)).Append('\n');

            Header(sb, "netguard_agent_reconcile_duration_seconds", "histogram", "Time to read the kernel state, diff and apply.");
            for (var i = 0; i < Buckets.Length; i++)
            {
                sb.Append("netguard_agent_reconcile_duration_seconds_bucket{le=\"").Append(PrometheusFormat.Number(Buckets[i])).Append("\"} ")
                    .Append(PrometheusFormat.Number(_bucketCounts[i])).Append('\n');
            }

            sb.Append("netguard_agent_reconcile_duration_seconds_bucket{le=\"+Inf\"} ").Append(PrometheusFormat.Number(_durationCount)).Append('\n');
            sb.Append("netguard_agent_reconcile_duration_seconds_sum ").Append(PrometheusFormat.Number(_durationSum)).Append('\n');
            sb.Append("netguard_agent_reconcile_duration_seconds_count ").Append(PrometheusFormat.Number(_durationCount)).Append('\n');

            Header(sb, "netguard_agent_tool_launches_total", "counter", "tc/nft processes launched by reconciles: read (state) or write (tc -batch, nft -f).");
            sb.Append("netguard_agent_tool_launches_total{kind=\"read\"} ").Append(PrometheusFormat.Number(_readLaunches)).Append('\n');
            sb.Append("netguard_agent_tool_launches_total{kind=\"write\"} ").Append(PrometheusFormat.Number(_writeLaunches)).Append('\n');

            Header(sb, "netguard_agent_config_rejected_total", "counter", "Config file changes rejected as invalid (the last good config stays in use).");
            sb.Append("netguard_agent_config_rejected_total ").Append(PrometheusFormat.Number(_configRejections)).Append('\n');

            Header(sb, "netguard_agent_last_success_timestamp_seconds", "gauge", "When the kernel last matched the plan (Unix time).");
            sb.Append("netguard_agent_last_success_timestamp_seconds ").Append(PrometheusFormat.Number(_lastSuccess)).Append('\n');

            if (_plan is { } plan)
            {
                Header(sb, "netguard_agent_link_rate_bits", "gauge", "Link rate the tree is built for, bits per second.");
                sb.Append("netguard_agent_link_rate_bits{device=\"").Append(PrometheusFormat.Label(plan.Device)).Append("\",leaf_qdisc=\"")
                    .Append(plan.LeafQdisc).Append("\"} ").Append(PrometheusFormat.Number(plan.LinkBitsPerSecond)).Append('\n');
                Header(sb, "netguard_agent_pods", "gauge", "Pods on the node per QoS class.");
                foreach (var c in plan.Classes)
                {
                    sb.Append("netguard_agent_pods{class=\"").Append(c.Name).Append("\"} ").Append(PrometheusFormat.Number(c.PodCount)).Append('\n');
                }

                if (classStats is not null)
                {
                    AppendClassStats(sb, plan, classStats);
                }
            }
        }

        return sb.ToString();
    }

    private static void AppendClassStats(StringBuilder sb, QosPlan plan, IReadOnlyList<TcClass> classStats)
    {
        var byId = classStats.Where(c => c.Stats is not null).GroupBy(c => c.ClassId).ToDictionary(g => g.Key, g => g.First().Stats!);
        var series = new (string Name, string Help, Func<TcClassStats, long> Value)[]
        {
            ("netguard_agent_class_bytes_total", "Bytes sent through the class (tc -s).", s => s.Bytes),
            ("netguard_agent_class_packets_total", "Packets sent through the class.", s => s.Packets),
            ("netguard_agent_class_drops_total", "Packets dropped in the class.", s => s.Drops),
            ("netguard_agent_class_overlimits_total", "Times the class was over its rate and had to borrow or wait.", s => s.Overlimits),
        };
        foreach (var (name, help, value) in series)
        {
            Header(sb, name, "counter", help);
            foreach (var c in plan.Classes)
            {
                if (byId.TryGetValue(c.ClassId, out var stats))
                {
                    sb.Append(name).Append("{class=\"").Append(c.Name).Append("\",classid=\"").Append(c.ClassId.ToString()).Append("\"} ")
                        .Append(PrometheusFormat.Number(value(stats))).Append('\n');
                }
            }
        }
    }

    private static void Header(StringBuilder sb, string name, string type, string help) =>
        sb.Append("# HELP ").Append(name).Append(' ').Append(help).Append('\n').Append("# TYPE ").Append(name).Append(' ').Append(type).Append('\n');
}
