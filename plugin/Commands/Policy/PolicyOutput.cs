using Netguard.Plugin.Cli.Output;

namespace Netguard.Plugin.Commands.Policy;

/// <summary>The policy commands' output conventions over the shared writers: tables two spaces apart, colour.</summary>
internal static class PolicyOutput
{
    /// <summary>Columns padded to their widest cell, two spaces apart, no trailing spaces.</summary>
    public static void WriteTable(TextWriter writer, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows)
    {
        var table = new TextTable(headers.ToArray()) { Gap = 2 };
        foreach (var row in rows)
        {
            table.Add(row.ToArray());
        }

        table.Write(writer, useColor: false);
    }

    public static string Green(string text, bool color) => AnsiColor.Paint(text, AnsiColor.Green, color);

    public static string Red(string text, bool color) => AnsiColor.Paint(text, AnsiColor.Red, color);
}
