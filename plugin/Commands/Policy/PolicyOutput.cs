using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Netguard.Plugin.Commands.Policy;

/// <summary>Writers shared by the policy commands: indented JSON, aligned tables with upper-case headers, colour.</summary>
internal static class PolicyOutput
{
    private static readonly JsonWriterOptions JsonOptions = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static void WriteJson(TextWriter writer, JsonNode node)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, JsonOptions))
        {
            node.WriteTo(json);
        }

        writer.Write(Encoding.UTF8.GetString(stream.ToArray()).ReplaceLineEndings("\n") + "\n");
    }

    /// <summary>Columns padded to their widest cell, two spaces apart, no trailing spaces.</summary>
    public static void WriteTable(TextWriter writer, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows)
    {
        var all = rows.Prepend(headers).ToList();
        var widths = new int[headers.Count];
        foreach (var row in all)
        {
            for (var i = 0; i < row.Count; i++)
            {
                widths[i] = Math.Max(widths[i], row[i].Length);
            }
        }

        foreach (var row in all)
        {
            var line = new StringBuilder();
            for (var i = 0; i < row.Count; i++)
            {
                line.Append(i == row.Count - 1 ? row[i] : row[i].PadRight(widths[i] + 2));
            }

            writer.Write(line.ToString().TrimEnd() + "\n");
        }
    }

    public static string Green(string text, bool color) => color ? $"\u001b[32m{text}\u001b[0m" : text;

    public static string Red(string text, bool color) => color ? $"\u001b[31m{text}\u001b[0m" : text;
}
