using System.Text.Json;
using System.Text.Json.Nodes;

namespace Netguard.Plugin.Commands.Status;

/// <summary>Tolerant reads of raw API objects: a field of the wrong type reads as absent, never throws.</summary>
internal static class JsonFields
{
    public static int? Int(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<int>(out var i) ? i : null;

    public static string? String(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;
}
