namespace Netguard.Core.Manifests;

/// <summary>
/// Manifests that cannot be read. <see cref="Exception.Message"/> is one line that names the file and line:
/// <c>manifests/x.yaml:12: while scanning …</c> (or <c>manifests/x.yaml: no such file or directory</c>).
/// </summary>
public sealed class ManifestException : Exception
{
    public ManifestException()
    {
    }

    public ManifestException(string message)
        : base(message)
    {
    }

    public ManifestException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    internal static ManifestException At(string file, int? line, string reason, Exception? inner = null)
    {
        var message = line is { } l ? $"{file}:{l}: {reason}" : $"{file}: {reason}";
        return inner is null ? new ManifestException(message) : new ManifestException(message, inner);
    }
}
