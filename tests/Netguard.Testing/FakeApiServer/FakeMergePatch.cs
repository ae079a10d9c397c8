using System.Text.Json.Nodes;

namespace Netguard.Testing.FakeApiServer;

/// <summary>RFC 7386 JSON merge patch (the fake server also uses it for strategic merge and apply).</summary>
internal static class FakeMergePatch
{
    public static JsonNode? Apply(JsonNode? target, JsonNode? patch)
    {
        if (patch is not JsonObject patchObject)
        {
            return patch?.DeepClone();
        }

        var result = target as JsonObject ?? new JsonObject();
        foreach (var (key, value) in patchObject)
        {
            if (value is null)
            {
                result.Remove(key);
            }
            else
            {
                var merged = Apply(result[key]?.DeepClone(), value);
                result[key] = merged;
            }
        }

        return result;
    }
}
