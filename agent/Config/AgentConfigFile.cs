using Microsoft.Extensions.Logging;
using Netguard.Agent.Files;
using Netguard.Agent.Logging;
using Netguard.Core.Config;

namespace Netguard.Agent.Config;

/// <summary>
/// The NetguardConfig the agent plans with: the built-in default, or --config re-read when it changes.
/// A bad file at start is fatal (exit 2); a bad new version later is rejected and the last good config stays.
/// </summary>
public sealed class AgentConfigFile(string? path, FilePoller? poller, ILogger logger)
{
    private NetguardConfig _current = new();
    private string _digest = "";

    public NetguardConfig Current => Volatile.Read(ref _current);

    /// <summary>The last rejection, until a good config replaces it (shown in the status).</summary>
    public string? Rejection { get; private set; }

    public int Rejections { get; private set; }

    /// <exception cref="AgentConfigException">The file cannot be read or is not a valid config.</exception>
    public void Load()
    {
        if (path is null)
        {
            return;
        }

        string text;
        try
        {
            (text, _digest) = FilePoller.Read(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new AgentConfigException($"config {path}: {e.Message}", e);
        }

        Volatile.Write(ref _current, Parse(text, path));
    }

    public Task WatchAsync(Action changed, CancellationToken cancellationToken) =>
        path is null || poller is null
            ? Task.Delay(Timeout.Infinite, cancellationToken)
            : poller.RunAsync(_digest, text =>
            {
                try
                {
                    Volatile.Write(ref _current, Parse(text, path));
                    Rejection = null;
                    AgentLog.ConfigReloaded(logger, path);
                    changed();
                }
                catch (AgentConfigException e)
                {
                    Rejection = e.Message;
                    Rejections++;
                    AgentLog.ConfigRejected(logger, e.Message);
                    changed();
                }
            }, cancellationToken);

    /// <summary>Parses and validates config text; every problem on one line.</summary>
    public static NetguardConfig Parse(string text, string source)
    {
        var result = ConfigText.Load(text, source);
        return result.Config ?? throw new AgentConfigException($"invalid config: {string.Join("; ", result.Problems)}");
    }
}
