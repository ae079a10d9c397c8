using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Netguard.Plugin.Cli.Output;

/// <summary>
/// <c>-o json</c> for every command: indented with two spaces, "\n" line ends, a final newline, and no escaping
/// of characters that are safe in a terminal (so "&lt;", "'" and non-ASCII text stay readable).
/// </summary>
public static class JsonOutput
{
    private static readonly JsonWriterOptions Options = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static void Write(TextWriter output, JsonNode node)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(node);
        output.Write(ToText(node));
        output.Write('\n');
    }

    /// <summary>The indented text without the final newline.</summary>
    private static string ToText(JsonNode node)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, Options))
        {
            node.WriteTo(writer);
        }

        return Encoding.UTF8.GetString(stream.ToArray()).ReplaceLineEndings("\n");
    }
}
