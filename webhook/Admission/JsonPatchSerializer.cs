using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using Netguard.Core.JsonPatch;

namespace Netguard.Webhook.Admission;

/// <summary>Writes RFC 6902 operations as the JSON array the API server applies ("op", "path", "value"/"from").</summary>
public static class JsonPatchSerializer
{
    /// <summary>
    /// Minimal escaping: the output goes to the API server, not into HTML, so '+' in base64 or '&lt;' in a
    /// message need not become \u002B / \u003C.
    /// </summary>
    internal static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static void Write(IBufferWriter<byte> output, IReadOnlyList<JsonPatchOperation> operations)
    {
        ArgumentNullException.ThrowIfNull(operations);
        using var writer = new Utf8JsonWriter(output, WriterOptions);
        writer.WriteStartArray();
        foreach (var op in operations)
        {
            writer.WriteStartObject();
            writer.WriteString("op"u8, op.Op);
            if (op.From is not null)
            {
                writer.WriteString("from"u8, op.From);
            }

            writer.WriteString("path"u8, op.Path);
            if (op.Op is "add" or "replace" or "test")
            {
                writer.WritePropertyName("value"u8);
                if (op.Value is null)
                {
                    writer.WriteNullValue();
                }
                else
                {
                    op.Value.WriteTo(writer);
                }
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    /// <summary>The patch as base64 of its UTF-8 JSON: AdmissionResponse.patch.</summary>
    public static string ToBase64(IReadOnlyList<JsonPatchOperation> operations)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        Write(buffer, operations);
        return Convert.ToBase64String(buffer.WrittenSpan);
    }
}
