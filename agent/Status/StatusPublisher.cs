using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Netguard.Agent.Logging;
using Netguard.Core.Qos;

namespace Netguard.Agent.Status;

/// <summary>
/// Publishes the status when its content changes, at most once per <see cref="MinInterval"/> (SPEC §6.5).
/// Every Node write reaches every Node watcher in the cluster, so an unchanged status is not re-written on
/// each reconcile; only a heartbeat refreshes lastReconcile every <see cref="Heartbeat"/>. A failed write
/// (API server down) is retried with backoff; the newest status always wins.
/// </summary>
public sealed class StatusPublisher(IStatusSink sink, TimeProvider time, ILogger logger)
{
    public static readonly TimeSpan MinInterval = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan Heartbeat = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan MaxRetry = TimeSpan.FromMinutes(1);

    private readonly Lock _lock = new();
    private readonly Channel<bool> _signal = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private AgentStatus? _published;
    private AgentStatus? _pending;
    private DateTimeOffset _lastWrite = DateTimeOffset.MinValue;
    private TimeSpan _retry = TimeSpan.Zero;

    /// <summary>Statuses written so far (for tests and the bench).</summary>
    public int Writes { get; private set; }

    public void Offer(AgentStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        lock (_lock)
        {
            var reference = _pending ?? _published;
            var heartbeatDue = time.GetUtcNow() - _lastWrite >= Heartbeat;
            if (status.SameContent(reference) && !heartbeatDue)
            {
                return;
            }

            _pending = status;
        }

        _signal.Writer.TryWrite(true);
    }

    /// <summary>Writes now, ignoring the rate limit (for --once: one status at exit).</summary>
    public async Task WriteNowAsync(AgentStatus status, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(status);
        await sink.WriteAsync(Serialize(status), cancellationToken);
        lock (_lock)
        {
            _published = status;
            _lastWrite = time.GetUtcNow();
            Writes++;
        }
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            await _signal.Reader.ReadAsync(cancellationToken);
            while (true)
            {
                TimeSpan wait;
                AgentStatus? next;
                lock (_lock)
                {
                    next = _pending;
                    var earliest = _lastWrite + MinInterval + _retry;
                    wait = earliest - time.GetUtcNow();
                }

                if (next is null)
                {
                    break;
                }

                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, time, cancellationToken);
                    continue; // a newer status may have arrived meanwhile
                }

                try
                {
                    await sink.WriteAsync(Serialize(next), cancellationToken);
                    lock (_lock)
                    {
                        _published = next;
                        if (ReferenceEquals(_pending, next))
                        {
                            _pending = null;
                        }

                        _lastWrite = time.GetUtcNow();
                        _retry = TimeSpan.Zero;
                        Writes++;
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    lock (_lock)
                    {
                        _retry = _retry == TimeSpan.Zero ? TimeSpan.FromSeconds(1) : TimeSpan.FromTicks(Math.Min(_retry.Ticks * 2, MaxRetry.Ticks));
                        _lastWrite = time.GetUtcNow() - MinInterval; // next attempt after _retry
                    }

                    AgentLog.StatusWriteFailed(logger, e.Message);
                }
            }
        }
    }

    public static string Serialize(AgentStatus status) => JsonSerializer.Serialize(status, AgentStatusJsonContext.Default.AgentStatus);
}
