using System.Text.Json.Nodes;
using Netguard.Core.Yaml;

namespace Netguard.Core.Manifests;

/// <summary>One Kubernetes object read from a manifest, with the fields every consumer needs up front.</summary>
public sealed class Manifest
{
    private readonly YamlSourceMap _lines;
    private readonly string _pointerPrefix;

    internal Manifest(JsonObject obj, string apiVersion, string kind, ManifestSource source, YamlSourceMap lines, string pointerPrefix)
    {
        Object = obj;
        ApiVersion = apiVersion;
        Kind = kind;
        Source = source;
        _lines = lines;
        _pointerPrefix = pointerPrefix;
        var metadata = obj["metadata"] as JsonObject;
        Namespace = StringAt(metadata, "namespace");
        Name = StringAt(metadata, "name");
    }

    /// <summary>The object as read (for a List item, detached from its list).</summary>
    public JsonObject Object { get; }

    public string ApiVersion { get; }

    public string Kind { get; }

    /// <summary>metadata.namespace, or null when the manifest leaves it to the context.</summary>
    public string? Namespace { get; }

    /// <summary>metadata.name, or null (e.g. an object with only generateName).</summary>
    public string? Name { get; }

    public ManifestSource Source { get; }

    /// <summary>The API group: "" for the core group (apiVersion "v1"), else the part before "/".</summary>
    public string Group => ApiVersion.Contains('/', StringComparison.Ordinal) ? ApiVersion[..ApiVersion.IndexOf('/', StringComparison.Ordinal)] : "";

    /// <summary>
    /// The source line of a field of this object, given as a JSON Pointer into <see cref="Object"/>
    /// (<c>/spec/containers/0/image</c>): the field's own line, else its nearest ancestor's, else the object's.
    /// </summary>
    public int LineOf(string pointer)
    {
        ArgumentNullException.ThrowIfNull(pointer);
        return _lines.NearestLineOf(_pointerPrefix + pointer) ?? Source.Line;
    }

    /// <summary><c>Kind namespace/name</c> or <c>Kind name</c>, as messages name objects.</summary>
    public override string ToString() =>
        Namespace is null ? $"{Kind} {Name ?? "(unnamed)"}" : $"{Kind} {Namespace}/{Name ?? "(unnamed)"}";

    private static string? StringAt(JsonObject? obj, string key) =>
        obj?[key] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
