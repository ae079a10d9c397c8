using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Netguard.Plugin.Commands.Tc;

/// <summary>Writes a JSON document for -o json: two-space indented, readable characters unescaped, LF line ends.</summary>
internal static class IndentedJson
{
    private static readonly JsonWriterOptions Options = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static void Write(TextWriter output, JsonNode document)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, Options))
        {
            document.WriteTo(writer);
        }

        output.Write(Encoding.UTF8.GetString(stream.ToArray()).ReplaceLineEndings("\n"));
        output.Write('\n');
    }
}
