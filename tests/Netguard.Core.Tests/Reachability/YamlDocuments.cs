using System.Globalization;
using System.Text.Json.Nodes;
using YamlDotNet.RepresentationModel;

namespace Netguard.Core.Tests.Reachability;

/// <summary>Multi-document YAML to JSON for test fixtures (plain scalars that look like ints/bools become them).</summary>
internal static class YamlDocuments
{
    public static IEnumerable<JsonObject> Parse(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        foreach (var doc in stream.Documents)
        {
            if (ToJson(doc.RootNode) is JsonObject obj)
            {
                yield return obj;
            }
        }
    }

    private static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(kv =>
            KeyValuePair.Create(((YamlScalarNode)kv.Key).Value!, ToJson(kv.Value)))),
        YamlSequenceNode seq => new JsonArray(seq.Children.Select(ToJson).ToArray()),
        YamlScalarNode s when s.Style is YamlDotNet.Core.ScalarStyle.Plain => Plain(s.Value),
        YamlScalarNode s => JsonValue.Create(s.Value),
        _ => null,
    };

    private static JsonValue? Plain(string? value) => value switch
    {
        null or "" or "~" or "null" => null,
        "true" => JsonValue.Create(true),
        "false" => JsonValue.Create(false),
        _ when int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var i) => JsonValue.Create(i),
        _ => JsonValue.Create(value),
    };
}
