using System.Text.Json;
using System.Text.Json.Nodes;

namespace Netguard.Core.Config;

/// <summary>
/// Typed reads of YAML-turned-JSON values that never stop at the first problem: each read either returns a
/// value or records a problem at its path and returns null (the caller then keeps the default).
/// A null value (an empty YAML field) reads as absent.
/// </summary>
internal sealed class ConfigNodeReader
{
    private readonly List<(ConfigPath Path, string Message)> _problems = [];

    public IReadOnlyList<(ConfigPath Path, string Message)> Problems => _problems;

    public void Problem(ConfigPath path, string message) => _problems.Add((path, message));

    /// <summary>
    /// The entries of a mapping whose keys are in <paramref name="known"/>; every other key is reported as
    /// unknown (with the nearest known key as a suggestion). Nothing for a null value; a problem for a non-mapping.
    /// </summary>
    public IEnumerable<(string Key, JsonNode? Value, ConfigPath Path)> Fields(JsonNode? node, ConfigPath path, params string[] known)
    {
        if (node is null)
        {
            yield break;
        }

        if (node is not JsonObject obj)
        {
            Problem(path, $"want a mapping, found {Describe(node)}");
            yield break;
        }

        foreach (var (key, value) in obj.ToList())
        {
            var p = path.Key(key);
            if (Array.IndexOf(known, key) < 0)
            {
                var suggestion = Suggest(key, known);
                Problem(p, suggestion is null ? "unknown key" : $"unknown key (did you mean \"{suggestion}\"?)");
                continue;
            }

            yield return (key, value, p);
        }
    }

    public string? String(JsonNode? node, ConfigPath path)
    {
        switch (node)
        {
            case null:
                return null;
            case JsonValue v when v.GetValueKind() == JsonValueKind.String:
                return v.GetValue<string>();
            case JsonValue v when v.GetValueKind() is JsonValueKind.True or JsonValueKind.False or JsonValueKind.Number:
                // YAML reads yes/no/on/off and 0644 as booleans and numbers; say how to get the text.
                Problem(path, $"want a string, found {Describe(node)} {v.ToJsonString()} (quote it: \"…\")");
                return null;
            default:
                Problem(path, $"want a string, found {Describe(node)}");
                return null;
        }
    }

    public int? Int(JsonNode? node, ConfigPath path)
    {
        if (node is null)
        {
            return null;
        }

        if (node is JsonValue v && v.GetValueKind() == JsonValueKind.Number)
        {
            if (v.TryGetValue<long>(out var l) && l is >= int.MinValue and <= int.MaxValue)
            {
                return (int)l;
            }

            if (v.TryGetValue<double>(out var d) && d == Math.Floor(d) && d is >= int.MinValue and <= int.MaxValue)
            {
                return (int)d;
            }

            Problem(path, $"want an integer, found {v.ToJsonString()}");
            return null;
        }

        Problem(path, $"want an integer, found {Describe(node)}");
        return null;
    }

    public bool? Bool(JsonNode? node, ConfigPath path)
    {
        switch (node?.GetValueKind())
        {
            case null:
                return null;
            case JsonValueKind.True:
                return true;
            case JsonValueKind.False:
                return false;
            default:
                Problem(path, $"want true or false, found {Describe(node)}");
                return null;
        }
    }

    /// <summary>A rate: "20%", "200mbit", or a plain number of bits per second.</summary>
    public RateSpec? Rate(JsonNode? node, ConfigPath path)
    {
        if (node is null)
        {
            return null;
        }

        string text;
        if (node is JsonValue v && v.GetValueKind() == JsonValueKind.String)
        {
            text = v.GetValue<string>();
        }
        else if (node is JsonValue n && n.GetValueKind() == JsonValueKind.Number)
        {
            text = n.ToJsonString();
        }
        else
        {
            Problem(path, $"want a rate such as 20% or 200mbit, found {Describe(node)}");
            return null;
        }

        if (RateSpec.TryParse(text, out var rate, out var error))
        {
            return rate;
        }

        Problem(path, error);
        return null;
    }

    public List<T>? List<T>(JsonNode? node, ConfigPath path, Func<JsonNode, ConfigPath, T?> item)
    {
        if (node is null)
        {
            return null;
        }

        if (node is not JsonArray array)
        {
            Problem(path, $"want a list, found {Describe(node)}");
            return null;
        }

        var result = new List<T>(array.Count);
        for (var i = 0; i < array.Count; i++)
        {
            var p = path.Index(i);
            if (array[i] is not { } element)
            {
                Problem(p, "want a value, found null");
            }
            else if (item(element, p) is { } value)
            {
                result.Add(value); // an item with problems inside still counts, so the rest of it gets validated
            }
        }

        // A list missing an item would be judged by the validator as if it were whole: keep the default instead.
        return result.Count == array.Count ? result : null;
    }

    public List<string>? Strings(JsonNode? node, ConfigPath path) => List(node, path, String);

    public List<int>? Ints(JsonNode? node, ConfigPath path) =>
        List(node, path, (n, p) => Int(n, p) is { } i ? new int?(i) : null)?.Select(i => i!.Value).ToList();

    /// <summary>A string → string mapping (labels, node selectors).</summary>
    public Dictionary<string, string>? StringMap(JsonNode? node, ConfigPath path)
    {
        if (node is null)
        {
            return null;
        }

        if (node is not JsonObject obj)
        {
            Problem(path, $"want a mapping, found {Describe(node)}");
            return null;
        }

        var problemsBefore = _problems.Count;
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in obj)
        {
            var p = path.Key(key);
            if (value is null)
            {
                Problem(p, "want a string, found null (write \"\" for an empty value)");
            }
            else if (String(value, p) is { } s)
            {
                result[key] = s;
            }
        }

        return _problems.Count == problemsBefore ? result : null;
    }

    public static string Describe(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject => "a mapping",
        JsonArray => "a list",
        _ => node.GetValueKind() switch
        {
            JsonValueKind.String => "a string",
            JsonValueKind.Number => "a number",
            _ => "a boolean",
        },
    };

    /// <summary>The known key closest to <paramref name="key"/> (same letters in another case, or at most 2 edits away).</summary>
    internal static string? Suggest(string key, IEnumerable<string> known)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var k in known)
        {
            var d = string.Equals(k, key, StringComparison.OrdinalIgnoreCase) ? 0 : Distance(key, k);
            if (d < bestDistance)
            {
                (best, bestDistance) = (k, d);
            }
        }

        return bestDistance <= Math.Min(2, Math.Max(1, key.Length / 3)) ? best : null;
    }

    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = char.ToLowerInvariant(a[i - 1]) == char.ToLowerInvariant(b[j - 1]) ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
