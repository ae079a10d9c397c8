using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Netguard.Agent.Kernel;
using Netguard.Agent.Logging;
using Netguard.Agent.Metrics;
using Netguard.Agent.Reconcile;
using Netguard.Agent.Status;
using Netguard.Core.Qos;

namespace Netguard.Agent.Hosting;

/// <summary>
/// Reconciles when pods or config change and every resync interval (drift repair, SPEC §6.3). A change
/// that leaves the plan as it was costs nothing; a failure is retried with exponential backoff (1 s … 60 s)
/// while the last programmed state stays in the kernel.
/// </summary>
public sealed class ReconcileLoop(AgentSession session, Reconciler reconciler, StatusPublisher publisher, AgentMetrics metrics, TimeProvider time, ILogger logger)
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan ReconcileTimeout = TimeSpan.FromSeconds(30);

    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private long _lastIterationTicks;

    /// <summary>When the loop last finished an iteration (for /healthz).</summary>
    public DateTimeOffset LastIteration => new(Interlocked.Read(ref _lastIterationTicks), TimeSpan.Zero);

    public void Wake() => _wake.Writer.TryWrite(true);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        QosPlan? applied = null;
        var backoff = TimeSpan.Zero;
        var nextResync = time.GetUtcNow();
        var lastSuccess = time.GetUtcNow();
        while (!cancellationToken.IsCancellationRequested)
        {
            if (!session.Pods.Synced)
            {
                // Never program from an empty pod list while the first list is pending: the kernel keeps its last state.
                Interlocked.Exchange(ref _lastIterationTicks, time.GetUtcNow().UtcTicks);
                await WaitAsync(session.Options.Resync, cancellationToken);
                continue;
            }

            var now = time.GetUtcNow();
            TimeSpan wait;
            QosPlan? plan = null;
            string? error = null;
            try
            {
                plan = session.Plan();
                metrics.Planned(plan);
            }
            catch (QosPlanException e)
            {
                error = e.Message;
            }

            if (plan is null)
            {
                wait = session.Options.Resync;
            }
            else if (now < nextResync && applied is not null && AgentSession.SameOutcome(plan, applied))
            {
                wait = nextResync - now;
            }
            else
            {
                try
                {
                    using var timeout = new CancellationTokenSource(ReconcileTimeout, time);
                    using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
                    var outcome = await reconciler.ReconcileAsync(plan, session.Options.Force, linked.Token);
                    if (outcome.Refused)
                    {
                        error = outcome.Changes.Refusal;
                        AgentLog.Refused(logger, error!);
                        metrics.Reconciled("refused", outcome.Duration, outcome.ReadLaunches, 0, now);
                        applied = null;
                        backoff = NextBackoff(backoff);
                        wait = backoff;
                    }
                    else
                    {
                        Log(plan, outcome);
                        metrics.Reconciled(outcome.Changed ? "changed" : "unchanged", outcome.Duration, outcome.ReadLaunches, outcome.WriteLaunches, now);
                        applied = plan;
                        lastSuccess = time.GetUtcNow();
                        backoff = TimeSpan.Zero;
                        nextResync = lastSuccess + session.Options.Resync;
                        wait = session.Options.Resync;
                    }
                }
                catch (Exception e) when (e is KernelToolException or IOException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
                {
                    error = e is OperationCanceledException ? $"reconcile took longer than {ReconcileTimeout.TotalSeconds} s" : e.Message;
                    metrics.ReconcileFailed();
                    applied = null;
                    backoff = NextBackoff(backoff);
                    wait = backoff;
                    AgentLog.ReconcileFailed(logger, error, backoff.TotalSeconds);
                }
            }

            error ??= session.Config.Rejection;
            if (plan is not null)
            {
                publisher.Offer(AgentStatus.FromPlan(plan, lastSuccess, error));
            }

            Interlocked.Exchange(ref _lastIterationTicks, time.GetUtcNow().UtcTicks);
            await WaitAsync(wait, cancellationToken);
        }
    }

    private void Log(QosPlan plan, ReconcileOutcome outcome)
    {
        if (!outcome.Changed)
        {
            AgentLog.Unchanged(logger, plan.Device);
            return;
        }

        if (logger.IsEnabled(LogLevel.Information))
        {
            var reasons = string.Join("; ", outcome.Changes.Reasons);
            AgentLog.Reconciled(logger, plan.Device, reasons, (long)outcome.Duration.TotalMilliseconds, outcome.ReadLaunches, outcome.WriteLaunches);
        }
    }

    private static TimeSpan NextBackoff(TimeSpan current) =>
        current == TimeSpan.Zero ? TimeSpan.FromSeconds(1) : TimeSpan.FromTicks(Math.Min(current.Ticks * 2, MaxBackoff.Ticks));

    /// <summary>Until woken (pods/config changed) or <paramref name="wait"/> has passed.</summary>
    private async Task WaitAsync(TimeSpan wait, CancellationToken cancellationToken)
    {
        if (_wake.Reader.TryRead(out _))
        {
            return;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var delay = Task.Delay(wait < TimeSpan.Zero ? TimeSpan.Zero : wait, time, timeout.Token);
        var woken = _wake.Reader.WaitToReadAsync(timeout.Token).AsTask();
        await Task.WhenAny(delay, woken);
        await timeout.CancelAsync();
        _wake.Reader.TryRead(out _);
        cancellationToken.ThrowIfCancellationRequested();
    }
}
