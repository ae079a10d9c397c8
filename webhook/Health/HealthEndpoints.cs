using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Netguard.Webhook.Cluster;
using Netguard.Webhook.Metrics;

namespace Netguard.Webhook.Health;

/// <summary>GET /healthz (liveness: the process serves), /readyz (caches synced, not stopping), /metrics (Prometheus text).</summary>
public static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder app, Readiness readiness, WebhookMetrics metrics, IClusterState cluster)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/healthz", static (HttpContext context) => PlainAsync(context, StatusCodes.Status200OK, "ok\n"));
        app.MapGet("/readyz", (HttpContext context) =>
        {
            var problems = readiness.Problems();
            return problems.Count == 0
                ? PlainAsync(context, StatusCodes.Status200OK, "ok\n")
                : PlainAsync(context, StatusCodes.Status503ServiceUnavailable, "not ready: " + string.Join("; ", problems) + "\n");
        });
        app.MapGet("/metrics", (HttpContext context) =>
        {
            var w = new PrometheusTextWriter();
            metrics.WriteTo(w);
            WriteCacheMetrics(w, cluster, readiness);
            context.Response.ContentType = PrometheusTextWriter.ContentType;
            return context.Response.WriteAsync(w.ToString(), context.RequestAborted);
        });
        return app;
    }

    private static void WriteCacheMetrics(PrometheusTextWriter w, IClusterState cluster, Readiness readiness)
    {
        w.Family("netguard_webhook_cache_synced", "gauge", "1 when the watch cache of a resource has completed its initial list.");
        var caches = cluster.Caches;
        foreach (var cache in caches)
        {
            w.Sample("netguard_webhook_cache_synced", cache.Synced ? 1 : 0, ("resource", cache.Resource));
        }

        w.Family("netguard_webhook_cache_objects", "gauge", "Objects held by the watch cache of a resource.");
        foreach (var cache in caches)
        {
            w.Sample("netguard_webhook_cache_objects", cache.Objects, ("resource", cache.Resource));
        }

        w.Family("netguard_webhook_ready", "gauge", "1 when /readyz reports ready.");
        w.Sample("netguard_webhook_ready", readiness.Problems().Count == 0 ? 1 : 0);
    }

    private static Task PlainAsync(HttpContext context, int status, string text)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync(text, context.RequestAborted);
    }
}
