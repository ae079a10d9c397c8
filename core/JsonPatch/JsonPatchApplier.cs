using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Netguard.Core.JsonPatch;

/// <summary>
/// Applies RFC 6902 patches to a <see cref="JsonNode"/> document. A patch is atomic: the input is never
/// modified, and the first failing operation fails the whole patch with a <see cref="JsonPatchException"/>.
/// </summary>
public static class JsonPatchApplier
{
    /// <summary>Returns the patched copy of <paramref name="document"/> (null stands for the JSON literal null).</summary>
    public static JsonNode? Apply(JsonNode? document, IEnumerable<JsonPatchOperation> operations) =>
        ApplyInPlace(document?.DeepClone(), operations);

    /// <summary>
    /// Patches <paramref name="document"/> itself and returns the new root (a different node only when the
    /// patch replaces the root). Not atomic: after a failure the document is partly patched, so use it on a
    /// private copy that is thrown away on failure (the admission engine's working copy).
    /// </summary>
    public static JsonNode? ApplyInPlace(JsonNode? document, IEnumerable<JsonPatchOperation> operations)
    {
        ArgumentNullException.ThrowIfNull(operations);
        var root = document;
        var index = 0;
        foreach (var op in operations)
        {
            try
            {
                root = ApplyOne(root, op);
            }
            catch (JsonPatchException e)
            {
                throw new JsonPatchException($"operation {index} ({op.Op} {op.Path}): {e.Message}", e);
            }

            index++;
        }

        return root;
    }

    private static JsonNode? ApplyOne(JsonNode? root, JsonPatchOperation op) => op.Op switch
    {
        "add" => Add(root, op.Path, op.Value?.DeepClone()),
        "remove" => Remove(root, op.Path, out _),
        "replace" => Add(Remove(root, op.Path, out _), op.Path, op.Value?.DeepClone()),
        "move" => Move(root, RequireFrom(op), op.Path),
        "copy" => Add(root, op.Path, Get(root, RequireFrom(op))?.DeepClone()),
        "test" => JsonValueEquality.DeepEquals(Get(root, op.Path), op.Value) ? root : throw new JsonPatchException("test failed: value differs"),
        _ => throw new JsonPatchException($"unknown op \"{op.Op}\""),
    };

    private static string RequireFrom(JsonPatchOperation op) =>
        op.From ?? throw new JsonPatchException($"\"{op.Op}\" needs \"from\"");

    private static JsonNode? Move(JsonNode? root, string from, string path)
    {
        if (from == path)
        {
            Get(root, from);
            return root;
        }

        if (path.StartsWith(from + "/", StringComparison.Ordinal))
        {
            throw new JsonPatchException($"cannot move \"{from}\" into its own child \"{path}\"");
        }

        root = Remove(root, from, out var value);
        return Add(root, path, value);
    }

    /// <summary>Value at <paramref name="pointer"/>; missing targets are errors.</summary>
    public static JsonNode? Get(JsonNode? root, string pointer)
    {
        var node = root;
        foreach (var token in JsonPointer.Parse(pointer))
        {
            node = node switch
            {
                JsonObject obj => obj.TryGetPropertyValue(token, out var child) ? child : throw Missing(pointer),
                JsonArray arr => arr[ArrayIndex(token, arr.Count, allowEnd: false, pointer)],
                _ => throw Missing(pointer),
            };
        }

        return node;
    }

    private static JsonNode? Add(JsonNode? root, string pointer, JsonNode? value)
    {
        var tokens = JsonPointer.Parse(pointer);
        if (tokens.Count == 0)
        {
            return value;
        }

        var parent = Get(root, ParentPointer(pointer));
        var last = tokens[^1];
        switch (parent)
        {
            case JsonObject obj:
                obj[last] = value;
                break;
            case JsonArray arr:
                var i = ArrayIndex(last, arr.Count, allowEnd: true, pointer);
                if (i == arr.Count)
                {
                    arr.Add(value);
                }
                else
                {
                    arr.Insert(i, value);
                }

                break;
            default:
                throw new JsonPatchException($"parent of \"{pointer}\" is not an object or array");
        }

        return root;
    }

    private static JsonNode? Remove(JsonNode? root, string pointer, out JsonNode? removed)
    {
        var tokens = JsonPointer.Parse(pointer);
        if (tokens.Count == 0)
        {
            removed = root;
            return null;
        }

        var parent = Get(root, ParentPointer(pointer));
        var last = tokens[^1];
        switch (parent)
        {
            case JsonObject obj:
                if (!obj.TryGetPropertyValue(last, out removed))
                {
                    throw Missing(pointer);
                }

                obj.Remove(last);
                break;
            case JsonArray arr:
                var i = ArrayIndex(last, arr.Count, allowEnd: false, pointer);
                removed = arr[i];
                arr.RemoveAt(i);
                break;
            default:
                throw Missing(pointer);
        }

        return root;
    }

    private static string ParentPointer(string pointer) => pointer[..pointer.LastIndexOf('/')];

    private static int ArrayIndex(string token, int count, bool allowEnd, string pointer)
    {
        if (token == "-" && allowEnd)
        {
            return count;
        }

        var valid = token.Length > 0 && token.All(char.IsAsciiDigit) && (token.Length == 1 || token[0] != '0');
        if (!valid || !int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var i))
        {
            throw new JsonPatchException($"\"{token}\" in \"{pointer}\" is not an array index");
        }

        if (i > count || (i == count && !allowEnd))
        {
            throw new JsonPatchException($"array index {i} in \"{pointer}\" is out of bounds (length {count})");
        }

        return i;
    }

    private static JsonPatchException Missing(string pointer) => new($"path \"{pointer}\" does not exist");
}
