using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Netguard.Webhook.Cluster;
using Netguard.Webhook.Metrics;
using Netguard.Webhook.Tests.Infrastructure;

namespace Netguard.Webhook.Tests.Metrics;

/// <summary>/metrics in the Prometheus text format, /healthz, and /readyz gated on cache sync.</summary>
public sealed partial class MetricsAndHealthTests
{
    [Fact]
    public async Task Metrics_AfterRequests_CountsByEndpointKindDecisionAndRule()
    {
        await using var server = await WebhookTestServer.StartAsync();
        var client = server.CreateClient();
        await client.PostAsync("/mutate", AdmissionFixtures.Load("pod-create"));
        await client.PostAsync("/validate", AdmissionFixtures.Load("pod-create").WithLabel("test/deny"));
        await client.PostAsync("/validate", AdmissionFixtures.Load("pod-create").WithLabel("test/deny"));
        await client.PostAsync("/validate", AdmissionFixtures.Load("service-create"));
        await client.PostAsync("/validate", AdmissionFixtures.Load("pod-create").WithLabel("test/boom"));
        await client.PostAsync("/validate", WebhookTestServer.Json("nope"));

        using var response = await client.GetAsync("/metrics");
        var text = await response.Content.ReadAsStringAsync();

        response.Content.Headers.ContentType!.ToString().ShouldBe("text/plain; version=0.0.4; charset=utf-8");
        var samples = Parse(text);
        samples["netguard_webhook_requests_total{endpoint=\"mutate\",kind=\"Pod\",decision=\"patched\"}"].ShouldBe(1);
        samples["netguard_webhook_requests_total{endpoint=\"validate\",kind=\"Pod\",decision=\"denied\"}"].ShouldBe(2);
        samples["netguard_webhook_requests_total{endpoint=\"validate\",kind=\"Service\",decision=\"allowed\"}"].ShouldBe(1);
        samples["netguard_webhook_requests_total{endpoint=\"validate\",kind=\"Pod\",decision=\"error\"}"].ShouldBe(1);
        samples["netguard_webhook_requests_total{endpoint=\"validate\",kind=\"other\",decision=\"invalid\"}"].ShouldBe(1);
        samples["netguard_webhook_rule_findings_total{endpoint=\"mutate\",kind=\"Pod\",rule=\"test-annotate\",decision=\"mutate\"}"].ShouldBe(1);
        samples["netguard_webhook_rule_findings_total{endpoint=\"validate\",kind=\"Pod\",rule=\"test-deny\",decision=\"deny\"}"].ShouldBe(2);
        samples["netguard_webhook_rule_errors_total{endpoint=\"validate\",kind=\"Pod\",rule=\"test-throws\"}"].ShouldBe(1);
        samples["netguard_webhook_in_flight_requests"].ShouldBe(0);
        samples["netguard_webhook_config_last_reload_successful"].ShouldBe(1);
        samples["netguard_webhook_certificate_expiry_timestamp_seconds"].ShouldBe(
            new DateTimeOffset(server.Serving.Certificate.Certificate.NotAfter.ToUniversalTime()).ToUnixTimeSeconds());

        // Histogram: cumulative buckets never decrease, +Inf equals _count.
        const string series = "endpoint=\"validate\",kind=\"Pod\",decision=\"denied\"";
        var buckets = samples.Where(s => s.Key.StartsWith("netguard_webhook_request_duration_seconds_bucket{" + series, StringComparison.Ordinal)).Select(s => s.Value).ToList();
        buckets.Count.ShouldBe(LatencyHistogram.Bounds.Length + 1);
        buckets.ShouldBe(buckets.Order().ToList());
        buckets[^1].ShouldBe(2);
        samples[$"netguard_webhook_request_duration_seconds_count{{{series}}}"].ShouldBe(2);
        samples[$"netguard_webhook_request_duration_seconds_sum{{{series}}}"].ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task Metrics_EveryFamilyHasHelpAndTypeBeforeItsSamples()
    {
        await using var server = await WebhookTestServer.StartAsync();
        var client = server.CreateClient();
        await client.PostAsync("/mutate", AdmissionFixtures.Load("pod-create"));

        var lines = (await client.GetStringAsync("/metrics")).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        var typed = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in lines)
        {
            if (line.StartsWith("# TYPE ", StringComparison.Ordinal))
            {
                var parts = line.Split(' ');
                typed[parts[2]] = parts[3];
                continue;
            }

            if (line.StartsWith('#'))
            {
                line.ShouldStartWith("# HELP ");
                continue;
            }

            SampleLine().IsMatch(line).ShouldBeTrue(line);
            var name = line[..line.IndexOfAny(['{', ' '])];
            var family = typed.Keys.FirstOrDefault(f => name == f || (typed[f] == "histogram" && name is var n && (n == f + "_bucket" || n == f + "_sum" || n == f + "_count")));
            family.ShouldNotBeNull($"sample {name} has no TYPE line before it");
        }
    }

    [Fact]
    public async Task Readyz_UntilEveryCacheSynced_503NamingTheUnsyncedCaches()
    {
        var cluster = new FakeClusterState();
        await using var server = await WebhookTestServer.StartAsync(services: s => s.AddSingleton<IClusterState>(cluster));
        var client = server.CreateClient();

        (await client.GetStringAsync("/healthz")).ShouldBe("ok\n");
        using (var notReady = await client.GetAsync("/readyz"))
        {
            ((int)notReady.StatusCode).ShouldBe(503);
            (await notReady.Content.ReadAsStringAsync()).ShouldBe("not ready: cache nodes not synced; cache namespaces not synced; cache pods not synced; cache networkpolicies not synced\n");
        }

        cluster.Sync("nodes", 3);
        cluster.Sync("namespaces", 5);
        cluster.Sync("pods", 40);
        using (var stillNot = await client.GetAsync("/readyz"))
        {
            (await stillNot.Content.ReadAsStringAsync()).ShouldBe("not ready: cache networkpolicies not synced\n");
        }

        cluster.Sync("networkpolicies", 2);
        (await client.GetStringAsync("/readyz")).ShouldBe("ok\n");
        var samples = Parse(await client.GetStringAsync("/metrics"));
        samples["netguard_webhook_cache_synced{resource=\"pods\"}"].ShouldBe(1);
        samples["netguard_webhook_cache_objects{resource=\"pods\"}"].ShouldBe(40);
        samples["netguard_webhook_ready"].ShouldBe(1);
    }

    [Fact]
    public void PrometheusTextWriter_LabelValues_AreEscaped()
    {
        var w = new PrometheusTextWriter();
        w.Sample("m", 1.5, ("l", "a\"b\\c\nd"));

        w.ToString().ShouldBe("m{l=\"a\\\"b\\\\c\\nd\"} 1.5\n");
    }

    private static Dictionary<string, double> Parse(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Where(l => !l.StartsWith('#'))
            .Select(l => (Key: l[..l.LastIndexOf(' ')], Value: l[(l.LastIndexOf(' ') + 1)..]))
            .ToDictionary(p => p.Key, p => p.Value == "+Inf" ? double.PositiveInfinity : double.Parse(p.Value, CultureInfo.InvariantCulture), StringComparer.Ordinal);

    [GeneratedRegex("""^[a-zA-Z_:][a-zA-Z0-9_:]*(\{([a-zA-Z_][a-zA-Z0-9_]*="([^"\\\n]|\\.)*",?)*\})? (\+Inf|-Inf|NaN|-?[0-9.eE+-]+)$""")]
    private static partial Regex SampleLine();
}
