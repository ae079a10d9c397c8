using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Netguard.Agent.Kernel;
using Netguard.Agent.Logging;
using Netguard.Agent.Metrics;
using Netguard.Agent.Reconcile;
using Netguard.Agent.Status;

namespace Netguard.Agent.Hosting;

/// <summary>
/// The long-running agent: the reconcile loop, the pods and config watchers, the status publisher, and
/// /metrics + /healthz on Kestrel, until SIGTERM. Stopping leaves the shaping in the kernel: pods keep
/// their guarantees while the agent is upgraded or restarted.
/// </summary>
public sealed class AgentService(AgentSession session, Reconciler reconciler, StatusPublisher publisher, AgentEnvironment env, ILogger logger)
{
    private static readonly TimeSpan StatsCacheTime = TimeSpan.FromSeconds(1);

    private readonly AgentMetrics _metrics = new();
    private readonly Lock _statsLock = new();
    private DateTimeOffset _statsAt = DateTimeOffset.MinValue;
    private Task<IReadOnlyList<TcClass>?>? _stats;

    public AgentMetrics Metrics => _metrics;

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var loop = new ReconcileLoop(session, reconciler, publisher, _metrics, env.Time, logger);
        await using var app = BuildWebApp(loop);
        await app.StartAsync(cancellationToken);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, app.Lifetime.ApplicationStopping);
        var tasks = new[]
        {
            loop.RunAsync(stop.Token),
            publisher.RunAsync(stop.Token),
            session.Pods.WatchAsync(loop.Wake, stop.Token),
            session.Config.WatchAsync(() =>
            {
                if (session.Config.Rejection is not null)
                {
                    _metrics.ConfigRejected();
                }

                loop.Wake();
            }, stop.Token),
        };

        // Any task ending on its own is a fault; SIGTERM (ApplicationStopping) ends them all.
        var first = await Task.WhenAny(tasks);
        await stop.CancelAsync();
        AgentLog.Stopping(logger);
        try
        {
            await Task.WhenAll(tasks);
        }
        catch (OperationCanceledException)
        {
        }

        await app.StopAsync(CancellationToken.None);
        return first.IsFaulted ? AgentExitCodes.NotConverged : AgentExitCodes.Ok;
    }

    [SuppressMessage("Reliability", "CA2000", Justification = "The WebApplication is returned to the caller, which disposes it.")]
    private WebApplication BuildWebApp(ReconcileLoop loop)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = "netguard-agent", ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.ConfigureKestrel(k => k.Listen(session.Options.MetricsListen));
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.UseUtcTimestamp = true;
            o.TimestampFormat = "yyyy-MM-ddTHH:mm:ssZ ";
        });
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(10));
        var app = builder.Build();
        app.MapGet("/healthz", (HttpContext context) =>
        {
            // Alive while the loop keeps turning: an iteration at least every resync interval (plus a reconcile timeout).
            var age = env.Time.GetUtcNow() - loop.LastIteration;
            var healthy = loop.LastIteration == DateTimeOffset.MinValue.ToUniversalTime() || age < session.Options.Resync * 3;
            context.Response.StatusCode = healthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable;
            context.Response.ContentType = "text/plain; charset=utf-8";
            return context.Response.WriteAsync(healthy ? "ok\n" : $"reconcile loop stalled for {age.TotalSeconds:F0} s\n", context.RequestAborted);
        });
        app.MapGet("/metrics", async (HttpContext context) =>
        {
            var stats = await ClassStatsAsync(context.RequestAborted);
            context.Response.ContentType = PrometheusFormat.ContentType;
            await context.Response.WriteAsync(_metrics.Render(stats), context.RequestAborted);
        });
        return app;
    }

    /// <summary>Per-class counters from `tc -s class show`, at most one launch per second however often Prometheus scrapes.</summary>
    private Task<IReadOnlyList<TcClass>?> ClassStatsAsync(CancellationToken cancellationToken)
    {
        lock (_statsLock)
        {
            var now = env.Time.GetUtcNow();
            if (_stats is null || now - _statsAt > StatsCacheTime)
            {
                _statsAt = now;
                _stats = ReadStatsAsync(CancellationToken.None);
            }

            return _stats.WaitAsync(cancellationToken);
        }
    }

    private async Task<IReadOnlyList<TcClass>?> ReadStatsAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await new KernelStateReader(env.Runner).ReadClassStatsAsync(session.Device, cancellationToken);
        }
        catch (KernelToolException)
        {
            return null;
        }
    }
}
