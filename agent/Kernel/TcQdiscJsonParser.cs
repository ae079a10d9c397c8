using System.Globalization;
using System.Text.Json;
using Netguard.Core.Qos;

namespace Netguard.Agent.Kernel;

/// <summary>Parses `tc -j qdisc show [dev D]` (a JSON array; iproute2 6.1).</summary>
public static class TcQdiscJsonParser
{
    public static IReadOnlyList<TcQdisc> Parse(string json, string? device = null)
    {
        var result = new List<TcQdisc>();
        if (string.IsNullOrWhiteSpace(json))
        {
            return result;
        }

        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new KernelToolException($"tc -j qdisc show printed unreadable JSON: {e.Message}", e);
        }

        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Array)
            {
                throw new KernelToolException("tc -j qdisc show did not print a JSON array");
            }

            foreach (var q in doc.RootElement.EnumerateArray())
            {
                var kind = Text(q, "kind") ?? "";
                if (!TcHandle.TryParse(Text(q, "handle"), out var handle))
                {
                    continue;
                }

                TcHandle? parent = TcHandle.TryParse(Text(q, "parent"), out var p) ? p : null;
                var isRoot = q.TryGetProperty("root", out var r) && r.ValueKind == JsonValueKind.True;
                var options = new Dictionary<string, string>(StringComparer.Ordinal);
                if (q.TryGetProperty("options", out var opts) && opts.ValueKind == JsonValueKind.Object)
                {
                    foreach (var o in opts.EnumerateObject())
                    {
                        switch (o.Value.ValueKind)
                        {
                            case JsonValueKind.Number:
                                options[o.Name] = o.Value.GetRawText();
                                break;
                            case JsonValueKind.String:
                                options[o.Name] = o.Value.GetString()!;
                                break;
                            case JsonValueKind.True or JsonValueKind.False:
                                options[o.Name] = o.Value.GetBoolean().ToString(CultureInfo.InvariantCulture).ToLowerInvariant();
                                break;
                        }
                    }
                }

                result.Add(new TcQdisc(Text(q, "dev") ?? device ?? "", kind, handle, parent, isRoot, options));
            }
        }

        return result;
    }

    private static string? Text(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
