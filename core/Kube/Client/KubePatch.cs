using System.Text.Json.Nodes;
using Netguard.Core.JsonPatch;

namespace Netguard.Core.Kube.Client;

/// <summary>A patch body and its kind. Build with <see cref="Json"/>, <see cref="Merge"/>, <see cref="StrategicMerge"/> or <see cref="Apply"/>.</summary>
public sealed record KubePatch
{
    private KubePatch(KubePatchType type, string body, string? fieldManager, bool force)
    {
        Type = type;
        Body = body;
        FieldManager = fieldManager;
        Force = force;
    }

    public KubePatchType Type { get; }

    /// <summary>The JSON text sent.</summary>
    public string Body { get; }

    /// <summary>Required for <see cref="KubePatchType.Apply"/>.</summary>
    public string? FieldManager { get; }

    /// <summary>Server-side apply: take ownership of fields other managers own.</summary>
    public bool Force { get; }

    public string ContentType => Type switch
    {
        KubePatchType.Json => "application/json-patch+json",
        KubePatchType.Merge => "application/merge-patch+json",
        KubePatchType.StrategicMerge => "application/strategic-merge-patch+json",
        _ => "application/apply-patch+yaml",
    };

    /// <summary>An RFC 6902 JSON Patch, written by <see cref="JsonPatchDocument"/> (the writer behind admission responses too).</summary>
    public static KubePatch Json(IEnumerable<JsonPatchOperation> operations) =>
        new(KubePatchType.Json, JsonPatchDocument.ToJson(operations), null, false);

    public static KubePatch Merge(JsonNode patch) => new(KubePatchType.Merge, Serialize(patch), null, false);

    public static KubePatch StrategicMerge(JsonNode patch) => new(KubePatchType.StrategicMerge, Serialize(patch), null, false);

    /// <summary>Server-side apply of <paramref name="intent"/> (a full object with apiVersion, kind, metadata.name) as <paramref name="fieldManager"/>.</summary>
    public static KubePatch Apply(JsonNode intent, string fieldManager, bool force = false)
    {
        ArgumentException.ThrowIfNullOrEmpty(fieldManager);
        return new KubePatch(KubePatchType.Apply, Serialize(intent), fieldManager, force);
    }

    private static string Serialize(JsonNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return node.ToJsonString();
    }
}
