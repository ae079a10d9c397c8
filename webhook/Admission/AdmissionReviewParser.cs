using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Nodes;
using Netguard.Core.Kube.Models;

namespace Netguard.Webhook.Admission;

/// <summary>
/// Reads an admission.k8s.io/v1 AdmissionReview request body and checks what every answer depends on.
/// The body is parsed once into a <see cref="JsonDocument"/>; the object under review is then copied out as
/// bytes (<see cref="JsonElement.Clone"/>: a memory copy, not a second parse, which deserializing the review model
/// would do), so it owns its data and later clones by the rules are free. userInfo is read with the
/// source-generated <see cref="KubeJsonContext"/>. Failures are one-line reasons for an HTTP 400, naming the field in
/// the review's own terms ("request.userInfo.groups must be a list").
/// </summary>
public static class AdmissionReviewParser
{
    public const string ApiVersion = "admission.k8s.io/v1";
    public const string Kind = "AdmissionReview";

    public static bool TryParse(
        ReadOnlySequence<byte> body,
        [NotNullWhen(true)] out ParsedAdmissionRequest? review,
        [NotNullWhen(false)] out string? error)
    {
        review = null;
        if (body.IsEmpty)
        {
            error = "request body is empty: expected an admission.k8s.io/v1 AdmissionReview";
            return false;
        }

        JsonDocument document;
        try
        {
            // Pooled and reading the body in place; rejects trailing data too. Nothing refers to it afterwards.
            document = JsonDocument.Parse(body);
        }
        catch (JsonException e)
        {
            error = "request body is not valid JSON: " + OneLine(e.Message);
            return false;
        }

        using (document)
        {
            review = Read(document.RootElement, out var problem);
            error = review is null ? problem ?? "request body is not an AdmissionReview" : null;
            return review is not null;
        }
    }

    /// <summary>
    /// Reasons are logged and returned as one line, and never echo unbounded client input: line breaks and other
    /// control characters (tabs, terminal escape sequences a log viewer would act on) become spaces.
    /// </summary>
    internal static string OneLine(string text)
    {
        var line = text.ReplaceLineEndings(" ");
        if (line.Any(char.IsControl))
        {
            line = string.Create(line.Length, line, static (span, source) =>
            {
                for (var i = 0; i < source.Length; i++)
                {
                    span[i] = char.IsControl(source[i]) ? ' ' : source[i];
                }
            });
        }

        return line.Length <= 200 ? line : line[..200] + "...";
    }

    private static ParsedAdmissionRequest? Read(JsonElement root, out string? error)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            error = "request body is not an AdmissionReview object";
            return null;
        }

        if (!TryString(root, "apiVersion", "apiVersion", out var apiVersion, out error))
        {
            return null;
        }

        if (apiVersion != ApiVersion)
        {
            error = apiVersion is null
                ? $"apiVersion is missing: expected {ApiVersion}"
                : $"unsupported apiVersion \"{OneLine(apiVersion)}\": expected {ApiVersion}";
            return null;
        }

        if (!TryString(root, "kind", "kind", out var kind, out error))
        {
            return null;
        }

        if (kind != Kind)
        {
            error = $"unsupported kind \"{OneLine(kind ?? "")}\": expected {Kind}";
            return null;
        }

        if (!root.TryGetProperty("request"u8, out var r) || r.ValueKind == JsonValueKind.Null)
        {
            error = "AdmissionReview has no request";
            return null;
        }

        if (r.ValueKind != JsonValueKind.Object)
        {
            error = "request must be an object";
            return null;
        }

        if (!TryString(r, "uid", "request.uid", out var uid, out error)
            || !TryString(r, "operation", "request.operation", out var operation, out error)
            || !TryString(r, "namespace", "request.namespace", out var ns, out error)
            || !TryString(r, "name", "request.name", out var name, out error)
            || !TryString(r, "subResource", "request.subResource", out var subResource, out error))
        {
            return null;
        }

        if (string.IsNullOrEmpty(uid))
        {
            error = "request.uid is missing";
            return null;
        }

        if (!TryKind(r, out var gvk, out error))
        {
            return null;
        }

        if (AdmissionOperations.Parse(operation) is null)
        {
            error = $"request.operation \"{OneLine(operation ?? "")}\" is not CREATE, UPDATE, DELETE or CONNECT";
            return null;
        }

        bool? dryRun = null;
        if (r.TryGetProperty("dryRun"u8, out var d) && d.ValueKind != JsonValueKind.Null)
        {
            if (d.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            {
                error = "request.dryRun must be true or false";
                return null;
            }

            dryRun = d.GetBoolean();
        }

        UserInfo? user = null;
        if (r.TryGetProperty("userInfo"u8, out var u) && u.ValueKind != JsonValueKind.Null)
        {
            try
            {
                user = u.Deserialize(KubeJsonContext.Default.UserInfo);
            }
            catch (JsonException e)
            {
                error = OneLine(FieldTypeReason.Describe(e, "request.userInfo"));
                return null;
            }
        }

        var obj = Owned(r, "object"u8);
        var oldObj = Owned(r, "oldObject"u8);
        error = null;
        var request = new AdmissionRequest
        {
            Uid = uid,
            Kind = gvk,
            Name = name,
            Namespace = ns,
            Operation = operation,
            SubResource = subResource,
            UserInfo = user,
            DryRun = dryRun,
            Object = Node(obj),
            OldObject = Node(oldObj),
        };
        return new ParsedAdmissionRequest(request, obj, oldObj);
    }

    private static bool TryKind(JsonElement request, [NotNullWhen(true)] out GroupVersionKind? gvk, out string? error)
    {
        gvk = null;
        if (!request.TryGetProperty("kind"u8, out var k) || k.ValueKind == JsonValueKind.Null)
        {
            error = "request.kind is missing";
            return false;
        }

        if (k.ValueKind != JsonValueKind.Object)
        {
            error = "request.kind must be an object";
            return false;
        }

        if (!TryString(k, "group", "request.kind.group", out var group, out error)
            || !TryString(k, "version", "request.kind.version", out var version, out error)
            || !TryString(k, "kind", "request.kind.kind", out var kind, out error))
        {
            return false;
        }

        if (string.IsNullOrEmpty(kind))
        {
            error = "request.kind is missing";
            return false;
        }

        gvk = new GroupVersionKind { Group = group ?? "", Version = version ?? "", Kind = kind };
        return true;
    }

    // An absent or null member is null; a member of another type is the client's error.
    private static bool TryString(JsonElement obj, string property, string path, out string? value, out string? error)
    {
        value = null;
        error = null;
        if (!obj.TryGetProperty(property, out var e) || e.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        if (e.ValueKind != JsonValueKind.String)
        {
            error = $"{path} must be a string";
            return false;
        }

        value = e.GetString();
        return true;
    }

    // Clone: the element must outlive the pooled document; the node is made from it without another copy.
    private static JsonElement? Owned(JsonElement request, ReadOnlySpan<byte> property) =>
        !request.TryGetProperty(property, out var e) || e.ValueKind == JsonValueKind.Null ? null : e.Clone();

    // Non-objects are kept as they are so the reviewer can say "not an object" only when it needs one.
    private static JsonNode? Node(JsonElement? element) => element switch
    {
        null => null,
        { ValueKind: JsonValueKind.Object } e => JsonObject.Create(e),
        { ValueKind: JsonValueKind.Array } e => JsonArray.Create(e),
        { } e => JsonValue.Create(e),
    };
}
