namespace Netguard.Core.Config;

/// <summary>One thing wrong with a config.</summary>
/// <param name="Path">Where, as users read it: <c>qos.classes[2].rate</c>; empty for the document as a whole.</param>
/// <param name="Message">What is wrong, one line: <c>unknown key</c>, <c>want an integer, found a string</c>.</param>
/// <param name="Line">1-based source line when the config came from text and the place is known.</param>
public sealed record ConfigProblem(string Path, string Message, int? Line = null)
{
    /// <summary>
    /// One line for people and tools: <c>config.yaml:12: qos.classes[2].rat: unknown key</c>. Parts that are
    /// not known (no source, no line, no path) are left out.
    /// </summary>
    public string Format(string? source = null)
    {
        var location = (source, Line) switch
        {
            ({ Length: > 0 } s, { } l) => $"{s}:{l}: ",
            ({ Length: > 0 } s, null) => $"{s}: ",
            (_, { } l) => $"line {l}: ",
            _ => "",
        };
        return Path.Length == 0 ? location + Message : $"{location}{Path}: {Message}";
    }

    public override string ToString() => Format();
}
