namespace Netguard.Core.Yaml;

/// <summary>
/// Where each value of a document came from: JSON Pointer (RFC 6901) → 1-based source line. A mapping
/// entry is located at its key, a sequence item at its first character. Error messages use it to name
/// the line of a bad field.
/// </summary>
public sealed class YamlSourceMap
{
    private readonly Dictionary<string, int> _lines;
    private readonly Dictionary<string, int> _literalBlocks;

    internal YamlSourceMap(Dictionary<string, int> lines, Dictionary<string, int> literalBlocks)
    {
        _lines = lines;
        _literalBlocks = literalBlocks;
    }

    /// <summary>A map that knows nothing (documents read from JSON, objects built in code).</summary>
    public static YamlSourceMap Empty { get; } = new(new(StringComparer.Ordinal), new(StringComparer.Ordinal));

    /// <summary>The line of the value at <paramref name="pointer"/>, or null when it is not recorded.</summary>
    public int? LineOf(string pointer) =>
        _lines.TryGetValue(pointer ?? throw new ArgumentNullException(nameof(pointer)), out var line) ? line : null;

    /// <summary>
    /// The line of the value at <paramref name="pointer"/> or, when that value does not exist (a missing
    /// field), of its nearest recorded ancestor; null when nothing on the way is recorded.
    /// </summary>
    public int? NearestLineOf(string pointer)
    {
        ArgumentNullException.ThrowIfNull(pointer);
        var p = pointer;
        while (true)
        {
            if (_lines.TryGetValue(p, out var line))
            {
                return line;
            }

            if (p.Length == 0)
            {
                return null;
            }

            p = p[..p.LastIndexOf('/')];
        }
    }

    /// <summary>
    /// For a string written as a literal block scalar (<c>key: |</c>), the line of the <c>|</c> indicator:
    /// line N of the string's content is line <c>blockLine + N</c> of the source. Lets a document embedded
    /// in a document (config.yaml in a ConfigMap) report lines of the outer file.
    /// </summary>
    public bool TryGetLiteralBlockLine(string pointer, out int blockLine) =>
        _literalBlocks.TryGetValue(pointer ?? throw new ArgumentNullException(nameof(pointer)), out blockLine);
}
