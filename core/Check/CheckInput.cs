using System.Text.Json.Nodes;
using Netguard.Core.Manifests;

namespace Netguard.Core.Check;

/// <summary>
/// One object to check and where it came from: <see cref="Source"/> is a file path ("-" for stdin),
/// <see cref="Line"/> the 1-based line where the object starts, and <see cref="LineOf"/> (optional) the line
/// of a field given as a JSON Pointer, so errors can name the exact line of a bad field.
/// </summary>
public sealed record CheckInput(JsonObject Object, string Source, int Line = 1, Func<string, int?>? LineOf = null)
{
    /// <summary><c>file:line</c> of the object, or of the field at <paramref name="pointer"/> when known.</summary>
    public string Origin(string? pointer = null) => $"{Source}:{(pointer is null ? null : LineOf?.Invoke(pointer)) ?? Line}";

    /// <summary>A manifest read by <see cref="ManifestReader"/>, with its file, line and field lines.</summary>
    public static CheckInput From(Manifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        return new(manifest.Object, manifest.Source.File, manifest.Source.Line, p => manifest.LineOf(p));
    }
}
