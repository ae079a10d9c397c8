using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Netguard.Core.JsonPatch;

/// <summary>
/// The RFC 6902 wire format: a JSON array of operation objects. Writing puts members in the usual order
/// (<c>op</c>, <c>from</c>, <c>path</c>, <c>value</c>); reading checks every operation and fails with a
/// <see cref="JsonPatchException"/> that names the operation and the member at fault.
/// </summary>
public static class JsonPatchDocument
{
    /// <summary>Minimal escaping: a patch goes to an API server or a terminal, not into HTML.</summary>
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly JsonDocumentOptions ReadOptions = new() { AllowDuplicateProperties = false };

    /// <summary>Writes the operations as one JSON array.</summary>
    public static void Write(Utf8JsonWriter writer, IEnumerable<JsonPatchOperation> operations)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(operations);
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
            if (NeedsValue(op.Op))
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

    /// <summary>The UTF-8 JSON text of the patch (what AdmissionResponse.patch carries, before base64).</summary>
    public static byte[] ToUtf8Bytes(IEnumerable<JsonPatchOperation> operations) => Utf8(operations).WrittenSpan.ToArray();

    /// <summary>The patch as compact JSON text.</summary>
    public static string ToJson(IEnumerable<JsonPatchOperation> operations) => Encoding.UTF8.GetString(ToUtf8Bytes(operations));

    /// <summary>The patch as a JSON array node (to embed in other output, e.g. <c>check -o json</c>).</summary>
    public static JsonArray ToJsonArray(IEnumerable<JsonPatchOperation> operations) =>
        JsonNode.Parse(ToUtf8Bytes(operations))!.AsArray();

    /// <summary>Reads a patch document from JSON text.</summary>
    public static IReadOnlyList<JsonPatchOperation> Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(json, documentOptions: ReadOptions);
        }
        catch (JsonException e)
        {
            var cut = e.Message.IndexOf(" Path:", StringComparison.Ordinal);
            throw new JsonPatchException($"invalid JSON: {(cut >= 0 ? e.Message[..cut] : e.Message).TrimEnd('.')}", e);
        }

        return Parse(node);
    }

    /// <summary>Reads a patch document that is already parsed.</summary>
    public static IReadOnlyList<JsonPatchOperation> Parse(JsonNode? document)
    {
        if (document is not JsonArray array)
        {
            throw new JsonPatchException($"a JSON Patch must be an array of operations, found {Describe(document)}");
        }

        var result = new List<JsonPatchOperation>(array.Count);
        for (var i = 0; i < array.Count; i++)
        {
            result.Add(ParseOperation(array[i], i));
        }

        return result;
    }

    private static JsonPatchOperation ParseOperation(JsonNode? node, int index)
    {
        var at = $"operation {index.ToString(CultureInfo.InvariantCulture)}";
        if (node is not JsonObject obj)
        {
            throw new JsonPatchException($"{at}: must be an object, found {Describe(node)}");
        }

        var op = RequiredString(obj, "op", at);
        if (op is not ("add" or "remove" or "replace" or "move" or "copy" or "test"))
        {
            throw new JsonPatchException($"{at}: unknown op \"{op}\" (want add, remove, replace, move, copy or test)");
        }

        at += $" ({op})";
        var path = Pointer(obj, "path", at);
        string? from = null;
        if (op is "move" or "copy")
        {
            from = Pointer(obj, "from", at);
        }

        JsonNode? value = null;
        if (NeedsValue(op))
        {
            // "value": null is a value (JSON null); only a missing member is an error.
            if (!obj.TryGetPropertyValue("value", out value))
            {
                throw new JsonPatchException($"{at}: missing \"value\"");
            }

            value = value?.DeepClone();
        }

        return new JsonPatchOperation(op, path, value, from);
    }

    private static string Pointer(JsonObject obj, string member, string at)
    {
        var pointer = RequiredString(obj, member, at);
        try
        {
            JsonPointer.Parse(pointer);
        }
        catch (JsonPatchException e)
        {
            throw new JsonPatchException($"{at}: \"{member}\": {e.Message}", e);
        }

        return pointer;
    }

    private static string RequiredString(JsonObject obj, string member, string at)
    {
        if (!obj.TryGetPropertyValue(member, out var node))
        {
            throw new JsonPatchException($"{at}: missing \"{member}\"");
        }

        return node is JsonValue v && v.GetValueKind() == JsonValueKind.String
            ? v.GetValue<string>()
            : throw new JsonPatchException($"{at}: \"{member}\" must be a string, found {Describe(node)}");
    }

    private static ArrayBufferWriter<byte> Utf8(IEnumerable<JsonPatchOperation> operations)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using var writer = new Utf8JsonWriter(buffer, WriterOptions);
        Write(writer, operations);
        writer.Flush();
        return buffer;
    }

    private static bool NeedsValue(string op) => op is "add" or "replace" or "test";

    private static string Describe(JsonNode? node) => node switch
    {
        null => "null",
        JsonArray => "an array",
        JsonObject => "an object",
        _ => node.GetValueKind() switch
        {
            JsonValueKind.String => "a string",
            JsonValueKind.Number => "a number",
            _ => "a boolean",
        },
    };
}
