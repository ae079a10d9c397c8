using System.Text;
using System.Text.Json.Nodes;

namespace Netguard.Webhook.Tests.Infrastructure;

/// <summary>AdmissionReview requests as the API server sends them (Fixtures/*.json), and helpers to vary them.</summary>
internal static class AdmissionFixtures
{
    public static JsonObject Load(string name) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", name + ".json")))!.AsObject();

    public static JsonObject Request(this JsonObject review) => review["request"]!.AsObject();

    public static JsonObject Object(this JsonObject review) => review.Request()["object"]!.AsObject();

    public static JsonObject WithLabel(this JsonObject review, string key, string value = "")
    {
        var metadata = review.Object()["metadata"]!.AsObject();
        if (metadata["labels"] is not JsonObject labels)
        {
            metadata["labels"] = labels = [];
        }

        labels[key] = value;
        return review;
    }

    /// <summary>POSTs the review and returns the HTTP status and the parsed body (null when not JSON).</summary>
    public static async Task<(int Status, JsonObject? Body, string Text)> PostAsync(this HttpClient client, string path, JsonObject review)
    {
        using var response = await client.PostAsync(path, WebhookTestServer.Json(review.ToJsonString()));
        var text = await response.Content.ReadAsStringAsync();
        JsonObject? body = null;
        if (response.Content.Headers.ContentType?.MediaType == "application/json")
        {
            body = JsonNode.Parse(text)!.AsObject();
        }

        return ((int)response.StatusCode, body, text);
    }

    /// <summary>The decoded JSONPatch of a response, or null when the response carries none.</summary>
    public static JsonArray? DecodedPatch(this JsonObject reviewResponse)
    {
        var patch = reviewResponse["response"]?["patch"]?.GetValue<string>();
        return patch is null ? null : JsonNode.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(patch)))!.AsArray();
    }
}
