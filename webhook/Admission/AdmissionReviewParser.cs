using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Netguard.Core.Kube.Models;

namespace Netguard.Webhook.Admission;

/// <summary>
/// Reads an admission.k8s.io/v1 AdmissionReview request body (source-generated deserialization) and checks
/// what every answer depends on. Failures are one-line reasons for an HTTP 400.
/// </summary>
public static class AdmissionReviewParser
{
    public const string ApiVersion = "admission.k8s.io/v1";
    public const string Kind = "AdmissionReview";

    public static bool TryParse(
        ReadOnlySequence<byte> body,
        [NotNullWhen(true)] out AdmissionReview? review,
        [NotNullWhen(false)] out string? error)
    {
        review = null;
        if (body.IsEmpty)
        {
            error = "request body is empty: expected an admission.k8s.io/v1 AdmissionReview";
            return false;
        }

        var reader = new Utf8JsonReader(body);
        try
        {
            review = JsonSerializer.Deserialize(ref reader, KubeJsonContext.Default.AdmissionReview);
        }
        catch (JsonException e)
        {
            // The serializer wraps reader (syntax) errors; its own conversion errors have no JsonException inside.
            error = (e.InnerException is JsonException ? "request body is not valid JSON: " : "request body is not an AdmissionReview: ")
                + OneLine(e.Message);
            review = null;
            return false;
        }

        // Deserialize stops after the first value; anything but whitespace after it is malformed input.
        bool trailing;
        try
        {
            trailing = reader.Read();
        }
        catch (JsonException)
        {
            trailing = true;
        }

        if (trailing)
        {
            error = "request body is not valid JSON: unexpected data after the AdmissionReview";
            review = null;
            return false;
        }

        if (review is null)
        {
            error = "request body is not an AdmissionReview object";
            return false;
        }

        if (review.ApiVersion != ApiVersion)
        {
            error = review.ApiVersion is null
                ? $"apiVersion is missing: expected {ApiVersion}"
                : $"unsupported apiVersion \"{OneLine(review.ApiVersion)}\": expected {ApiVersion}";
            review = null;
            return false;
        }

        if (review.Kind != Kind)
        {
            error = $"unsupported kind \"{OneLine(review.Kind ?? "")}\": expected {Kind}";
            review = null;
            return false;
        }

        var request = review.Request;
        if (request is null)
        {
            error = "AdmissionReview has no request";
            review = null;
            return false;
        }

        if (string.IsNullOrEmpty(request.Uid))
        {
            error = "request.uid is missing";
            review = null;
            return false;
        }

        if (string.IsNullOrEmpty(request.Kind?.Kind))
        {
            error = "request.kind is missing";
            review = null;
            return false;
        }

        if (AdmissionOperations.Parse(request.Operation) is null)
        {
            error = $"request.operation \"{OneLine(request.Operation ?? "")}\" is not CREATE, UPDATE, DELETE or CONNECT";
            review = null;
            return false;
        }

        error = null;
        return true;
    }

    /// <summary>Reasons are logged and returned as one line, and never echo unbounded client input.</summary>
    internal static string OneLine(string text)
    {
        var line = text.ReplaceLineEndings(" ");
        return line.Length <= 200 ? line : line[..200] + "...";
    }
}
