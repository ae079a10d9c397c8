using System.Text.Json.Nodes;

namespace Netguard.Testing.FakeApiServer;

/// <summary>Label and field selectors as the fake server understands them: =, ==, !=, key, !key (comma = AND).</summary>
internal sealed class FakeSelector
{
    private readonly List<(string Key, string Op, string? Value)> _terms = [];
    private readonly bool _fields;

    private FakeSelector(bool fields) => _fields = fields;

    public static FakeSelector Parse(string? text, bool fields)
    {
        var selector = new FakeSelector(fields);
        foreach (var raw in (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (raw.Contains("!=", StringComparison.Ordinal))
            {
                var i = raw.IndexOf("!=", StringComparison.Ordinal);
                selector._terms.Add((raw[..i].Trim(), "!=", raw[(i + 2)..].Trim()));
            }
            else if (raw.Contains('=', StringComparison.Ordinal))
            {
                var i = raw.IndexOf('=', StringComparison.Ordinal);
                var value = raw[(i + 1)..].TrimStart('=').Trim();
                selector._terms.Add((raw[..i].Trim(), "=", value));
            }
            else if (raw.StartsWith('!'))
            {
                selector._terms.Add((raw[1..].Trim(), "!exists", null));
            }
            else
            {
                selector._terms.Add((raw, "exists", null));
            }
        }

        return selector;
    }

    public bool Matches(JsonObject obj)
    {
        foreach (var (key, op, value) in _terms)
        {
            var actual = _fields ? Field(obj, key) : Label(obj, key);
            var ok = op switch
            {
                "=" => actual == value,
                "!=" => actual != value,
                "exists" => actual is not null,
                _ => actual is null,
            };
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }

    private static string? Label(JsonObject obj, string key) =>
        obj["metadata"]?["labels"]?[key]?.GetValue<string>();

    private static string? Field(JsonObject obj, string path)
    {
        JsonNode? node = obj;
        foreach (var part in path.Split('.'))
        {
            node = node is JsonObject o ? o[part] : null;
        }

        return node is JsonValue v ? v.ToString() : null;
    }
}
