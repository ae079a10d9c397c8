using Microsoft.Extensions.Logging;
using Netguard.Webhook.Logging;

namespace Netguard.Webhook.Files;

/// <summary>
/// Calls back when files may have changed: on file-system events in their directories (debounced) AND on a
/// periodic timer. Both are needed: Kubernetes updates Secret and ConfigMap volumes by swapping a "..data"
/// symlink, which inotify reports on the directory, not on the file; and events can be missed (overflow,
/// network file systems, a directory replaced). The callback never runs concurrently with itself and
/// must be idempotent: it compares content, so spurious calls cost one file read.
/// </summary>
public sealed class FileChangeMonitor : IDisposable
{
    private static readonly TimeSpan Debounce = TimeSpan.FromMilliseconds(50);

    private readonly Action _onChange;
    private readonly ILogger _logger;
    private readonly string _what;
    private readonly List<FileSystemWatcher> _watchers = [];
    private readonly ITimer _periodic;
    private readonly ITimer _debounced;
    private readonly Lock _gate = new();
    private bool _disposed;

    public FileChangeMonitor(string what, IEnumerable<string> files, TimeSpan interval, Action onChange, TimeProvider time, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(time);
        _what = what;
        _onChange = onChange;
        _logger = logger;
        _debounced = time.CreateTimer(_ => Run(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _periodic = time.CreateTimer(_ => Run(), null, interval, interval);

        foreach (var directory in files.Select(f => Path.GetDirectoryName(Path.GetFullPath(f))!).Distinct(StringComparer.Ordinal))
        {
            try
            {
                var watcher = new FileSystemWatcher(directory)
                {
                    IncludeSubdirectories = false,
                    NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.CreationTime | NotifyFilters.Size,
                };
                watcher.Changed += OnEvent;
                watcher.Created += OnEvent;
                watcher.Deleted += OnEvent;
                watcher.Renamed += OnEvent;
                watcher.Error += (_, e) => WebhookLog.FileWatchError(_logger, _what, directory, e.GetException().Message);
                watcher.EnableRaisingEvents = true;
                _watchers.Add(watcher);
            }
            catch (Exception e) when (e is IOException or ArgumentException or UnauthorizedAccessException or PlatformNotSupportedException)
            {
                // The periodic check still covers this directory.
                WebhookLog.FileWatchError(_logger, _what, directory, e.Message);
            }
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
        }

        foreach (var w in _watchers)
        {
            w.Dispose();
        }

        _periodic.Dispose();
        _debounced.Dispose();
    }

    // Coalesce bursts (an atomic update is several events) into one callback shortly after the last event.
    private void OnEvent(object sender, FileSystemEventArgs e) => _debounced.Change(Debounce, Timeout.InfiniteTimeSpan);

    private void Run()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            try
            {
                _onChange();
            }
#pragma warning disable CA1031 // A timer callback must not throw: it would crash the process.
            catch (Exception e)
#pragma warning restore CA1031
            {
                WebhookLog.FileCheckFailed(_logger, _what, e.Message);
            }
        }
    }
}
