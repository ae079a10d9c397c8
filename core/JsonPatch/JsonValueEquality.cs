using System.Text.Json;
using System.Text.Json.Nodes;

namespace Netguard.Core.JsonPatch;

/// <summary>JSON equality as RFC 6902 "test" defines it: numbers by value, objects regardless of member order.</summary>
public static class JsonValueEquality
{
    public static bool DeepEquals(JsonNode? a, JsonNode? b)
    {
        var ka = Kind(a);
        if (ka != Kind(b))
        {
            return false;
        }

        switch (a)
        {
            case null:
                return true;
            case JsonObject oa:
                var ob = (JsonObject)b!;
                if (oa.Count != ob.Count)
                {
                    return false;
                }

                foreach (var (key, value) in oa)
                {
                    if (!ob.TryGetPropertyValue(key, out var other) || !DeepEquals(value, other))
                    {
                        return false;
                    }
                }

                return true;
            case JsonArray aa:
                var ab = (JsonArray)b!;
                if (aa.Count != ab.Count)
                {
                    return false;
                }

                for (var i = 0; i < aa.Count; i++)
                {
                    if (!DeepEquals(aa[i], ab[i]))
                    {
                        return false;
                    }
                }

                return true;
            default:
                return ka switch
                {
                    JsonValueKind.Number => NumbersEqual(a.AsValue(), b!.AsValue()),
                    JsonValueKind.String => a.GetValue<string>() == b!.GetValue<string>(),
                    _ => true, // true, false and null carry no payload beyond their kind
                };
        }
    }

    private static JsonValueKind Kind(JsonNode? node) => node?.GetValueKind() ?? JsonValueKind.Null;

    private static bool NumbersEqual(JsonValue a, JsonValue b)
    {
        if (a.TryGetValue<decimal>(out var da) && b.TryGetValue<decimal>(out var db))
        {
            return da == db;
        }

        return ToDouble(a) == ToDouble(b);
    }

    private static double ToDouble(JsonValue v) =>
        v.TryGetValue<double>(out var d) ? d : double.Parse(v.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture);
}
