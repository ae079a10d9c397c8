using System.Text.Json;

namespace Netguard.Core.Manifests;

/// <summary>
/// A typed read of a manifest object (<c>KubeObjectReader</c>) that failed on a field of the wrong type, in the
/// user's terms: the field as a JSON Pointer (<see cref="Pointer"/>, to find its source line), as System.Text.Json
/// names it without the root (<see cref="Field"/>: <c>spec.containers[0].ports</c>; empty for the object itself),
/// and what was wanted (<see cref="Reason"/>: "could not be converted to System.Int32" → "want an integer").
/// </summary>
public sealed record FieldTypeError(string Pointer, string Field, string Reason)
{
    public static FieldTypeError From(JsonException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var path = exception.Path;
        var field = string.IsNullOrEmpty(path) || path == "$" ? "" : path.TrimStart('$').TrimStart('.');
        return new FieldTypeError(FieldPath.FromJsonPath(path), field, Explain(exception.Message));
    }

    private static string Explain(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        var m = (cut >= 0 ? message[..cut] : message).Trim().TrimEnd('.');
        const string Marker = "could not be converted to ";
        var at = m.IndexOf(Marker, StringComparison.Ordinal);
        if (at < 0)
        {
            return m;
        }

        var type = m[(at + Marker.Length)..];
        return type switch
        {
            "System.Int32" or "System.Int64" or "System.Nullable`1[System.Int32]" or "System.Nullable`1[System.Int64]" => "want an integer",
            "System.String" => "want a string",
            "System.Boolean" or "System.Nullable`1[System.Boolean]" => "want true or false",
            _ when type.Contains("Dictionary", StringComparison.Ordinal) => "want a mapping",
            _ when type.Contains("List", StringComparison.Ordinal) => "want a list",
            _ when type.StartsWith("Netguard.", StringComparison.Ordinal) => "want a mapping",
            _ => m,
        };
    }
}
