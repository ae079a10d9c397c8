namespace Netguard.Core.Yaml;

/// <summary>
/// YAML (or JSON) text that cannot be read: a syntax error, an undefined alias, a duplicate key, a value JSON
/// cannot hold. <see cref="Line"/> and <see cref="Column"/> are 1-based; <see cref="Reason"/> is the bare
/// one-line cause, so callers can prefix their own source (<c>manifests/x.yaml:12: reason</c>).
/// </summary>
public sealed class YamlReadException : FormatException
{
    public YamlReadException()
        : this(1, 1, "invalid YAML")
    {
    }

    public YamlReadException(string message)
        : this(1, 1, message)
    {
    }

    public YamlReadException(string message, Exception innerException)
        : base(message, innerException)
    {
        Line = 1;
        Column = 1;
        Reason = message;
    }

    public YamlReadException(int line, int column, string reason, Exception? innerException = null)
        : base($"line {line}: {reason}", innerException)
    {
        Line = line;
        Column = column;
        Reason = reason;
    }

    public int Line { get; }

    public int Column { get; }

    public string Reason { get; }
}
