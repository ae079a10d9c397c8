using System.Security.Cryptography;

namespace Netguard.Agent.Files;

/// <summary>
/// Notices when a file's content changes by reading it every <see cref="Interval"/> and comparing digests.
/// Polling (not inotify) because a ConfigMap volume swaps a "..data" symlink, which watchers on the
/// file itself miss; a read that fails (the swap in flight, a missing file) is retried on the next poll.
/// </summary>
public sealed class FilePoller(string path, TimeSpan interval, TimeProvider time)
{
    public TimeSpan Interval => interval;

    public static (string Text, string Digest) Read(string path)
    {
        var bytes = File.ReadAllBytes(path);
        return (System.Text.Encoding.UTF8.GetString(bytes), Convert.ToHexString(SHA256.HashData(bytes)));
    }

    /// <summary>Calls <paramref name="changed"/> with the new text whenever the digest differs from the last one seen.</summary>
    public async Task RunAsync(string initialDigest, Action<string> changed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changed);
        var last = initialDigest;
        while (!cancellationToken.IsCancellationRequested)
        {
            await Task.Delay(interval, time, cancellationToken);
            string text, digest;
            try
            {
                (text, digest) = Read(path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                continue;
            }

            if (digest != last)
            {
                last = digest;
                changed(text);
            }
        }
    }
}
