using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Netguard.Core.Kube.Client;
using Netguard.Core.Kube.Errors;
using Netguard.Core.Kube.Models;
using Netguard.Core.Kube.Resources;
using Polly;
using Polly.Retry;

namespace Netguard.Core.Kube.Informers;

/// <summary>
/// A list+watch cache of one resource (client-go's shared informer, minus the sharing): lists, then
/// watches from the list's resourceVersion; re-watches from the last seen resourceVersion (bookmarks
/// included) when a stream ends or breaks; lists again on 410 Gone; retries failures with jittered
/// exponential backoff (Polly) and rate-limits reconnects. Handlers see add/update/delete in order;
/// a relist turns into the adds, updates and deletes that make the cache match the server.
/// </summary>
public sealed class KubeInformer<T> : IAsyncDisposable
    where T : KubeObject
{
    private readonly IKubeClient _client;
    private readonly KubeResourceType<T> _type;
    private readonly KubeInformerOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, T> _items = new(StringComparer.Ordinal);
    private readonly List<KubeInformerHandler<T>> _handlers = [];
    private readonly TaskCompletionSource _synced = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stop = new();
    private Task? _loop;
    private Task? _resync;
    private string? _resourceVersion;
    private DateTimeOffset _lastConnect = DateTimeOffset.MinValue;

    public KubeInformer(IKubeClient client, KubeResourceType<T> type, KubeInformerOptions? options = null, ILogger? logger = null, TimeProvider? timeProvider = null)
    {
        _client = client ?? throw new ArgumentNullException(nameof(client));
        _type = type ?? throw new ArgumentNullException(nameof(type));
        _options = options ?? new KubeInformerOptions();
        _logger = logger ?? NullLogger.Instance;
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>True once the first list has filled the cache.</summary>
    public bool HasSynced => _synced.Task.IsCompletedSuccessfully;

    /// <summary>The resourceVersion the cache is current to (from the last list, event or bookmark).</summary>
    public string? ResourceVersion
    {
        get
        {
            lock (_gate)
            {
                return _resourceVersion;
            }
        }
    }

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _items.Count;
            }
        }
    }

    /// <summary>
    /// Adds callbacks. Added after the cache has items, the handler first gets OnAdd for each of them
    /// (as client-go does), so it never misses state.
    /// </summary>
    public void AddHandler(KubeInformerHandler<T> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        lock (_gate)
        {
            _handlers.Add(handler);
            foreach (var item in _items.Values)
            {
                Invoke(() => handler.OnAdd?.Invoke(item));
            }
        }
    }

    /// <summary>Starts listing and watching in the background; returns at once.</summary>
    public void Start()
    {
        if (_loop is not null)
        {
            throw new InvalidOperationException("the informer is already running");
        }

        _loop = Task.Run(() => RunAsync(_stop.Token));
        if (_options.ResyncPeriod is { } period && period > TimeSpan.Zero)
        {
            _resync = Task.Run(() => ResyncAsync(period, _stop.Token));
        }
    }

    /// <summary>Waits until the first list has filled the cache.</summary>
    public Task WaitForSyncAsync(CancellationToken cancellationToken = default) => _synced.Task.WaitAsync(cancellationToken);

    /// <summary>A snapshot of the cached objects.</summary>
    public IReadOnlyList<T> List()
    {
        lock (_gate)
        {
            return _items.Values.ToList();
        }
    }

    /// <summary>The cached object, or null. <paramref name="ns"/> is ignored for cluster-scoped resources.</summary>
    public T? Get(string? ns, string name)
    {
        lock (_gate)
        {
            return _items.GetValueOrDefault(Key(_type.Resource.Namespaced ? ns : null, name));
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        foreach (var task in new[] { _loop, _resync })
        {
            if (task is null)
            {
                continue;
            }

            try
            {
                await task;
            }
            catch (OperationCanceledException)
            {
            }
        }

        _stop.Dispose();
    }

    private async Task RunAsync(CancellationToken stopping)
    {
        var pipeline = new ResiliencePipelineBuilder { TimeProvider = _time }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<Exception>(e => e is not OperationCanceledException || !stopping.IsCancellationRequested),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = _options.InitialBackoff,
                MaxDelay = _options.MaxBackoff,
                MaxRetryAttempts = int.MaxValue,
                OnRetry = args =>
                {
                    InformerLog.Retrying(_logger, _type.Resource.Plural, args.Outcome.Exception?.Message ?? "?", args.AttemptNumber + 1, args.RetryDelay);
                    return default;
                },
            })
            .Build();

        while (!stopping.IsCancellationRequested)
        {
            // Each round is one connection; a round that made progress and then broke returns normally,
            // so the backoff starts from the beginning again.
            await pipeline.ExecuteAsync(async ct => await RoundAsync(ct), stopping);
        }
    }

    private async Task RoundAsync(CancellationToken cancellationToken)
    {
        await PaceAsync(cancellationToken);
        if (ResourceVersion is null)
        {
            await RelistAsync(cancellationToken);
        }

        var progress = false;
        try
        {
            var from = ResourceVersion;
            InformerLog.Watching(_logger, _type.Resource.Plural, from);
            var timeout = _options.WatchTimeout.TotalSeconds * (1 + Random.Shared.NextDouble());
            var watch = new WatchOptions
            {
                ResourceVersion = from,
                LabelSelector = _options.LabelSelector,
                FieldSelector = _options.FieldSelector,
                AllowWatchBookmarks = true,
                TimeoutSeconds = (int)Math.Max(1, timeout),
            };
            await foreach (var e in _client.WatchAsync(_type, _options.Namespace, watch, cancellationToken))
            {
                progress = true;
                Apply(e);
            }
        }
        catch (KubeExpiredException e)
        {
            InformerLog.Expired(_logger, _type.Resource.Plural, e.Message);
            lock (_gate)
            {
                _resourceVersion = null;
            }
        }
        catch (KubeException e) when (progress)
        {
            InformerLog.Interrupted(_logger, _type.Resource.Plural, e.Message);
        }
    }

    private async Task PaceAsync(CancellationToken cancellationToken)
    {
        var wait = _lastConnect + _options.MinReconnectInterval - _time.GetUtcNow();
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, _time, cancellationToken);
        }

        _lastConnect = _time.GetUtcNow();
    }

    private async Task RelistAsync(CancellationToken cancellationToken)
    {
        var options = new ListOptions
        {
            LabelSelector = _options.LabelSelector,
            FieldSelector = _options.FieldSelector,
            Limit = _options.PageSize,
        };
        var fresh = new Dictionary<string, T>(StringComparer.Ordinal);
        string? version = null;
        await foreach (var page in _client.ListPagesAsync(_type, _options.Namespace, options, cancellationToken))
        {
            // Every page is of the first page's snapshot.
            version ??= page.Metadata?.ResourceVersion;
            lock (_gate)
            {
                foreach (var item in page.Items)
                {
                    // An object unchanged since it was cached keeps its cached instance, so the page's copy is garbage
                    // at once: a relist holds the cache and one page, not two copies of the cluster.
                    var key = KeyOf(item);
                    fresh[key] = _items.TryGetValue(key, out var cached) && cached.Metadata.ResourceVersion is { } rv
                        && rv == item.Metadata.ResourceVersion ? cached : item;
                }
            }
        }

        lock (_gate)
        {
            foreach (var (key, old) in _items.ToList())
            {
                if (!fresh.ContainsKey(key))
                {
                    _items.Remove(key);
                    Dispatch(h => h.OnDelete?.Invoke(old));
                }
            }

            foreach (var (key, item) in fresh)
            {
                if (_items.TryGetValue(key, out var old))
                {
                    _items[key] = item;
                    if (old.Metadata.ResourceVersion != item.Metadata.ResourceVersion)
                    {
                        Dispatch(h => h.OnUpdate?.Invoke(old, item));
                    }
                }
                else
                {
                    _items[key] = item;
                    Dispatch(h => h.OnAdd?.Invoke(item));
                }
            }

            _resourceVersion = version;
        }

        InformerLog.Listed(_logger, _type.Resource.Plural, fresh.Count, version);
        _synced.TrySetResult();
    }

    private void Apply(KubeWatchEvent<T> e)
    {
        lock (_gate)
        {
            if (e.ResourceVersion is not null)
            {
                _resourceVersion = e.ResourceVersion;
            }

            if (e.Type == WatchEventType.Bookmark)
            {
                return;
            }

            var key = KeyOf(e.Object);
            switch (e.Type)
            {
                case WatchEventType.Added or WatchEventType.Modified:
                    if (_items.TryGetValue(key, out var old))
                    {
                        _items[key] = e.Object;
                        Dispatch(h => h.OnUpdate?.Invoke(old, e.Object));
                    }
                    else
                    {
                        _items[key] = e.Object;
                        Dispatch(h => h.OnAdd?.Invoke(e.Object));
                    }

                    break;
                case WatchEventType.Deleted:
                    var existing = _items.GetValueOrDefault(key) ?? e.Object;
                    if (_items.Remove(key))
                    {
                        Dispatch(h => h.OnDelete?.Invoke(existing));
                    }

                    break;
            }
        }
    }

    private async Task ResyncAsync(TimeSpan period, CancellationToken stopping)
    {
        using var timer = new PeriodicTimer(period, _time);
        while (await timer.WaitForNextTickAsync(stopping))
        {
            lock (_gate)
            {
                foreach (var item in _items.Values)
                {
                    Dispatch(h => h.OnUpdate?.Invoke(item, item));
                }
            }
        }
    }

    private void Dispatch(Action<KubeInformerHandler<T>> call)
    {
        foreach (var handler in _handlers)
        {
            Invoke(() => call(handler));
        }
    }

    private void Invoke(Action action)
    {
        try
        {
            action();
        }
#pragma warning disable CA1031 // a failing handler must not stop the informer
        catch (Exception e)
#pragma warning restore CA1031
        {
            InformerLog.HandlerFailed(_logger, _type.Resource.Plural, e);
        }
    }

    private string KeyOf(T item) => Key(_type.Resource.Namespaced ? item.Metadata.Namespace : null, item.Metadata.Name ?? "");

    private static string Key(string? ns, string name) => string.IsNullOrEmpty(ns) ? name : $"{ns}/{name}";
}
