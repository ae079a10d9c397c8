using System.Text.Json;
using Netguard.Core.Manifests;

namespace Netguard.Webhook.Admission;

/// <summary>
/// A failed typed read (a Pod, a userInfo) as a reason for an HTTP 400, in Kubernetes' JSON terms: which field,
/// and what it must be ("spec.containers[0].ports[0].containerPort must be an integer"). The field and the wanted
/// type come from core's <see cref="FieldTypeError"/> (the manifest readers' reading of the same exceptions; `check`
/// names only the field); the wording is the webhook's, to match its other reasons ("request.dryRun must be true or false").
/// The serializer's own message names .NET types and byte positions, so no part of it is echoed.
/// </summary>
internal static class FieldTypeReason
{
    private const string Expected = "expected ";
    private const string Got = ", got ";

    /// <summary>
    /// "<paramref name="value"/>.field must be …" (the field alone when <paramref name="value"/> is empty;
    /// <paramref name="value"/> alone when the value itself has the wrong type).
    /// </summary>
    public static string Describe(JsonException exception, string value = "")
    {
        ArgumentNullException.ThrowIfNull(exception);
        ArgumentNullException.ThrowIfNull(value);
        var error = FieldTypeError.From(exception);
        var field = error.Field.Length == 0 ? value
            : value.Length == 0 || error.Field[0] == '[' ? value + error.Field
            : value + "." + error.Field;
        return $"{(field.Length == 0 ? "it" : field)} {MustBe(error.Reason)}";
    }

    private static string MustBe(string reason) => reason switch
    {
        "want an integer" => "must be an integer",
        "want a string" => "must be a string",
        "want true or false" => "must be true or false",
        "want a list" => "must be a list",

        // Kubernetes objects and maps (labels, nodeSelector) alike are JSON objects on the wire.
        "want a mapping" => "must be an object",

        _ => Accepted(reason) is { } accepted ? "must be " + accepted : "has the wrong type",
    };

    // Converters say what they accept ("expected an integer or a string, got StartObject"); what they got is a
    // .NET token name, so only the first half is kept. Any other text is the serializer's, which may name .NET types.
    private static string? Accepted(string reason)
    {
        if (!reason.StartsWith(Expected, StringComparison.Ordinal))
        {
            return null;
        }

        var got = reason.IndexOf(Got, Expected.Length, StringComparison.Ordinal);
        return got > Expected.Length ? reason[Expected.Length..got] : null;
    }
}
