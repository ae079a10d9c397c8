using System.Text.Json.Nodes;

namespace Netguard.Core.JsonPatch;

/// <summary>One RFC 6902 operation. <see cref="Path"/> and <see cref="From"/> are RFC 6901 JSON Pointers.</summary>
public sealed record JsonPatchOperation(string Op, string Path, JsonNode? Value = null, string? From = null)
{
    public static JsonPatchOperation Add(string path, JsonNode? value) => new("add", path, value);

    public static JsonPatchOperation Replace(string path, JsonNode? value) => new("replace", path, value);

    public static JsonPatchOperation Remove(string path) => new("remove", path);

    public static JsonPatchOperation Test(string path, JsonNode? value) => new("test", path, value);

    public static JsonPatchOperation Move(string from, string path) => new("move", path, From: from);

    public static JsonPatchOperation Copy(string from, string path) => new("copy", path, From: from);
}
