using System.Collections.Concurrent;
using System.Reflection;

namespace Netguard.Webhook.Metrics;

/// <summary>
/// The webhook's own metrics: requests and latency by endpoint/kind/decision, rule findings by
/// endpoint/kind/rule/decision, rule errors, config and certificate reloads. Label values come from
/// bounded sets (kinds are mapped to "other" when unsupported), so series cannot grow without limit.
/// </summary>
public sealed class WebhookMetrics
{
    private readonly ConcurrentDictionary<RequestSeriesKey, RequestSeries> _requests = new();
    private readonly ConcurrentDictionary<RuleSeriesKey, Counter> _findings = new();
    private readonly ConcurrentDictionary<RuleSeriesKey, Counter> _ruleErrors = new();
    private readonly Counter _configReloadSuccess = new();
    private readonly Counter _configReloadFailure = new();
    private readonly Counter _certificateReloadSuccess = new();
    private readonly Counter _certificateReloadFailure = new();
    private long _inFlight;
    private double _configLastSuccess;
    private double _configLastReloadOk = 1;
    private double _certificateNotAfter;

    public void RequestStarted() => Interlocked.Increment(ref _inFlight);

    public void RequestFinished(string endpoint, string kind, string decision, TimeSpan elapsed)
    {
        Interlocked.Decrement(ref _inFlight);
        var series = _requests.GetOrAdd(new RequestSeriesKey(endpoint, kind, decision), static _ => new RequestSeries());
        series.Count.Increment();
        series.Latency.Observe(elapsed);
    }

    /// <summary>One finding of one rule (decision: deny, warn or mutate).</summary>
    public void RuleFinding(string endpoint, string kind, string rule, string decision) =>
        _findings.GetOrAdd(new RuleSeriesKey(endpoint, kind, rule, decision), static _ => new Counter()).Increment();

    public void RuleError(string endpoint, string kind, string rule) =>
        _ruleErrors.GetOrAdd(new RuleSeriesKey(endpoint, kind, rule, ""), static _ => new Counter()).Increment();

    public void ConfigReloaded(bool success, DateTimeOffset at)
    {
        (success ? _configReloadSuccess : _configReloadFailure).Increment();
        Volatile.Write(ref _configLastReloadOk, success ? 1 : 0);
        if (success)
        {
            Volatile.Write(ref _configLastSuccess, at.ToUnixTimeMilliseconds() / 1000.0);
        }
    }

    public void CertificateReloaded(bool success, DateTimeOffset? notAfter)
    {
        (success ? _certificateReloadSuccess : _certificateReloadFailure).Increment();
        if (notAfter is { } n)
        {
            Volatile.Write(ref _certificateNotAfter, n.ToUnixTimeMilliseconds() / 1000.0);
        }
    }

    public long InFlight => Interlocked.Read(ref _inFlight);

    /// <summary>Requests answered so far for one series (tests and diagnostics).</summary>
    public long RequestCount(string endpoint, string kind, string decision) =>
        _requests.TryGetValue(new RequestSeriesKey(endpoint, kind, decision), out var s) ? s.Count.Value : 0;

    public void WriteTo(PrometheusTextWriter w)
    {
        ArgumentNullException.ThrowIfNull(w);
        w.Family("netguard_webhook_build_info", "gauge", "Build information of the running webhook.");
        w.Sample("netguard_webhook_build_info", 1, ("version", Version));

        var requests = _requests.OrderBy(p => p.Key.Endpoint, StringComparer.Ordinal)
            .ThenBy(p => p.Key.Kind, StringComparer.Ordinal)
            .ThenBy(p => p.Key.Decision, StringComparer.Ordinal)
            .ToList();

        w.Family("netguard_webhook_requests_total", "counter", "AdmissionReview requests answered, by endpoint, object kind and decision (allowed, patched, denied, error, invalid).");
        foreach (var (k, s) in requests)
        {
            w.Sample("netguard_webhook_requests_total", s.Count.Value, ("endpoint", k.Endpoint), ("kind", k.Kind), ("decision", k.Decision));
        }

        w.Family("netguard_webhook_request_duration_seconds", "histogram", "Time from the first byte of the request body to the response being written, by endpoint, kind and decision.");
        foreach (var (k, s) in requests)
        {
            var cumulative = s.Latency.CumulativeCounts();
            for (var i = 0; i < LatencyHistogram.Bounds.Length; i++)
            {
                w.Sample("netguard_webhook_request_duration_seconds_bucket", cumulative[i],
                    ("endpoint", k.Endpoint), ("kind", k.Kind), ("decision", k.Decision), ("le", PrometheusTextWriter.FormatValue(LatencyHistogram.Bounds[i])));
            }

            var total = cumulative[^1];
            w.Sample("netguard_webhook_request_duration_seconds_bucket", total, ("endpoint", k.Endpoint), ("kind", k.Kind), ("decision", k.Decision), ("le", "+Inf"));
            w.Sample("netguard_webhook_request_duration_seconds_sum", s.Latency.SumSeconds, ("endpoint", k.Endpoint), ("kind", k.Kind), ("decision", k.Decision));
            w.Sample("netguard_webhook_request_duration_seconds_count", total, ("endpoint", k.Endpoint), ("kind", k.Kind), ("decision", k.Decision));
        }

        w.Family("netguard_webhook_rule_findings_total", "counter", "Findings reported by rules, by endpoint, kind, rule id and decision (deny, warn, mutate).");
        foreach (var (k, c) in Sorted(_findings))
        {
            w.Sample("netguard_webhook_rule_findings_total", c.Value, ("endpoint", k.Endpoint), ("kind", k.Kind), ("rule", k.Rule), ("decision", k.Decision));
        }

        w.Family("netguard_webhook_rule_errors_total", "counter", "Rules that threw while evaluating a request (answered safely, see the logs).");
        foreach (var (k, c) in Sorted(_ruleErrors))
        {
            w.Sample("netguard_webhook_rule_errors_total", c.Value, ("endpoint", k.Endpoint), ("kind", k.Kind), ("rule", k.Rule));
        }

        w.Family("netguard_webhook_in_flight_requests", "gauge", "AdmissionReview requests being evaluated now.");
        w.Sample("netguard_webhook_in_flight_requests", InFlight);

        w.Family("netguard_webhook_config_reloads_total", "counter", "Config file reloads; a failed one keeps the last good config.");
        w.Sample("netguard_webhook_config_reloads_total", _configReloadSuccess.Value, ("result", "success"));
        w.Sample("netguard_webhook_config_reloads_total", _configReloadFailure.Value, ("result", "failure"));
        w.Family("netguard_webhook_config_last_reload_successful", "gauge", "1 when the config file on disk is the one in use, 0 when it was rejected and the last good config is kept.");
        w.Sample("netguard_webhook_config_last_reload_successful", Volatile.Read(ref _configLastReloadOk));
        w.Family("netguard_webhook_config_last_reload_success_timestamp_seconds", "gauge", "When the config in use was loaded (Unix time).");
        w.Sample("netguard_webhook_config_last_reload_success_timestamp_seconds", Volatile.Read(ref _configLastSuccess));

        w.Family("netguard_webhook_certificate_reloads_total", "counter", "Serving certificate reloads; a failed one keeps the current certificate.");
        w.Sample("netguard_webhook_certificate_reloads_total", _certificateReloadSuccess.Value, ("result", "success"));
        w.Sample("netguard_webhook_certificate_reloads_total", _certificateReloadFailure.Value, ("result", "failure"));
        w.Family("netguard_webhook_certificate_expiry_timestamp_seconds", "gauge", "notAfter of the serving certificate in use (Unix time).");
        w.Sample("netguard_webhook_certificate_expiry_timestamp_seconds", Volatile.Read(ref _certificateNotAfter));
    }

    private static string Version { get; } =
        typeof(WebhookMetrics).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    private static IEnumerable<KeyValuePair<RuleSeriesKey, Counter>> Sorted(ConcurrentDictionary<RuleSeriesKey, Counter> series) =>
        series.OrderBy(p => p.Key.Endpoint, StringComparer.Ordinal)
            .ThenBy(p => p.Key.Kind, StringComparer.Ordinal)
            .ThenBy(p => p.Key.Rule, StringComparer.Ordinal)
            .ThenBy(p => p.Key.Decision, StringComparer.Ordinal);

    private readonly record struct RequestSeriesKey(string Endpoint, string Kind, string Decision);

    private readonly record struct RuleSeriesKey(string Endpoint, string Kind, string Rule, string Decision);

    private sealed class RequestSeries
    {
        public Counter Count { get; } = new();

        public LatencyHistogram Latency { get; } = new();
    }

    private sealed class Counter
    {
        private long _value;

        public long Value => Interlocked.Read(ref _value);

        public void Increment() => Interlocked.Increment(ref _value);
    }
}
