namespace Netguard.Agent.Status;

/// <summary>--status-file: the status JSON, replaced atomically (write a temporary file, then rename).</summary>
public sealed class FileStatusSink(string path) : IStatusSink
{
    public async Task WriteAsync(string json, CancellationToken cancellationToken)
    {
        var full = Path.GetFullPath(path);
        var temp = full + ".tmp";
        await File.WriteAllTextAsync(temp, json + "\n", cancellationToken);
        File.Move(temp, full, overwrite: true);
    }
}
