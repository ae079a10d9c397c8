namespace Netguard.Plugin.Cli.Output;

/// <summary>The SGR colour codes the plugin uses, and the one way it wraps text in them.</summary>
internal static class AnsiColor
{
    public const string Red = "31";
    public const string Green = "32";
    public const string Yellow = "33";
    public const string Cyan = "36";

    /// <summary>The text in colour <paramref name="code"/> when colour is on (a terminal, no NO_COLOR), else as it is.</summary>
    public static string Paint(string text, string code, bool useColor) => useColor ? $"\u001b[{code}m{text}\u001b[0m" : text;
}
