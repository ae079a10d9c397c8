using Microsoft.Extensions.Logging.Abstractions;
using Netguard.Agent.Status;
using Netguard.Agent.Tests.Fakes;
using Netguard.Core.Qos;

namespace Netguard.Agent.Tests.Status;

/// <summary>SPEC §6.5: the status is written when it changes, not more than every 10 s.</summary>
public sealed class StatusPublisherTests : IAsyncDisposable
{
    private readonly ManualTimers _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly RecordingSink _sink = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly StatusPublisher _publisher;
    private readonly Task _run;

    public StatusPublisherTests()
    {
        _publisher = new StatusPublisher(_sink, _time, NullLogger.Instance);
        _run = Task.Run(() => _publisher.RunAsync(_stop.Token));
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await Should.ThrowAsync<OperationCanceledException>(() => _run);
        _stop.Dispose();
    }

    private static AgentStatus Status(int pods, string at = "2026-01-01T00:00:00Z", string? error = null) =>
        new() { Device = "eth0", LinkRate = "1gbit", LeafQdisc = "fq_codel", Pods = pods, LastReconcile = at, Error = error };

    [Fact]
    public async Task Offer_FirstStatus_WrittenAtOnceAsJson()
    {
        _publisher.Offer(Status(3));

        await _sink.WaitForAsync(1);
        _sink.Writes[0].ShouldBe("""{"device":"eth0","linkRate":"1gbit","leafQdisc":"fq_codel","classes":[],"pods":3,"lastReconcile":"2026-01-01T00:00:00Z","error":null}""");
    }

    [Fact]
    public async Task Offer_OnlyTheTimestampChanged_NotWrittenUntilTheHeartbeat()
    {
        _publisher.Offer(Status(3));
        await _sink.WaitForAsync(1);

        _time.Advance(TimeSpan.FromMinutes(1));
        _publisher.Offer(Status(3, "2026-01-01T00:01:00Z"));
        await Task.Delay(200);
        _sink.Writes.Count.ShouldBe(1);

        _time.Advance(StatusPublisher.Heartbeat);
        _publisher.Offer(Status(3, "2026-01-01T00:11:00Z"));
        await _sink.WaitForAsync(2);
        _sink.Writes[1].ShouldContain("\"lastReconcile\":\"2026-01-01T00:11:00Z\"");
    }

    [Fact]
    public async Task Offer_ChangesWithinTenSeconds_OnlyTheNewestIsWrittenTenSecondsAfterTheLast()
    {
        _publisher.Offer(Status(1));
        await _sink.WaitForAsync(1);

        _time.Advance(TimeSpan.FromSeconds(2));
        _publisher.Offer(Status(2));
        _publisher.Offer(Status(5));
        await Task.Delay(200);
        _sink.Writes.Count.ShouldBe(1);

        _time.Advance(TimeSpan.FromSeconds(7)); // 9 s after the first write
        await Task.Delay(200);
        _sink.Writes.Count.ShouldBe(1);

        _time.Advance(TimeSpan.FromSeconds(1)); // 10 s
        await _sink.WaitForAsync(2);
        _sink.Writes[1].ShouldContain("\"pods\":5");
        await Task.Delay(200);
        _sink.Writes.Count.ShouldBe(2);
    }

    [Fact]
    public async Task Offer_SinkFails_RetriedWithTheNewestStatus()
    {
        _sink.FailNext = 1;
        _publisher.Offer(Status(1, error: "boom"));
        await _sink.WaitForAttemptsAsync(1);

        _publisher.Offer(Status(2));
        _time.Advance(TimeSpan.FromSeconds(1)); // first retry after 1 s
        await _sink.WaitForAsync(1);
        _sink.Writes[0].ShouldContain("\"pods\":2");
    }

    private sealed class RecordingSink : IStatusSink
    {
        private readonly List<string> _writes = [];
        private int _attempts;

        public int FailNext { get; set; }

        public List<string> Writes
        {
            get
            {
                lock (_writes)
                {
                    return _writes.ToList();
                }
            }
        }

        public Task WriteAsync(string json, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _attempts);
            if (FailNext > 0)
            {
                FailNext--;
                throw new HttpRequestException("connection refused");
            }

            lock (_writes)
            {
                _writes.Add(json);
            }

            return Task.CompletedTask;
        }

        public Task WaitForAsync(int count) => Eventually(() => Writes.Count >= count, $"{count} writes");

        public Task WaitForAttemptsAsync(int count) => Eventually(() => Volatile.Read(ref _attempts) >= count, $"{count} attempts");

        private static async Task Eventually(Func<bool> condition, string what)
        {
            for (var i = 0; i < 100 && !condition(); i++)
            {
                await Task.Delay(50);
            }

            condition().ShouldBeTrue($"waited for {what}");
        }
    }
}
