using System.Globalization;
using System.Net;
using System.Text.Json;
using Netguard.Core.Qos;

namespace Netguard.Agent.Kernel;

/// <summary>
/// Reads `nft -j list table inet netguard` (libnftables JSON, schema 1) back into the planner's own
/// table model, so that the diff is a plain equality. Expressions the agent never writes become
/// "?"-matches carrying their JSON: they can never equal a planned rule, so the table is replaced.
/// </summary>
public static class NftTableJsonParser
{
    public static NftTablePlan? Parse(string json)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new KernelToolException($"nft -j printed unreadable JSON: {e.Message}", e);
        }

        using (doc)
        {
            if (!doc.RootElement.TryGetProperty("nftables", out var items) || items.ValueKind != JsonValueKind.Array)
            {
                throw new KernelToolException("nft -j did not print an \"nftables\" array");
            }

            string? family = null, name = null;
            var sets = new List<NftSetPlan>();
            var chains = new List<(string Name, string Type, string Hook, int Prio, string Policy)>();
            var rules = new Dictionary<string, List<NftRulePlan>>(StringComparer.Ordinal);
            foreach (var item in items.EnumerateArray())
            {
                if (item.TryGetProperty("table", out var t))
                {
                    family = Str(t, "family");
                    name = Str(t, "name");
                }
                else if (item.TryGetProperty("set", out var s))
                {
                    sets.Add(ParseSet(s));
                }
                else if (item.TryGetProperty("map", out var m))
                {
                    sets.Add(new NftSetPlan(Str(m, "name") ?? "", "?map", []));
                }
                else if (item.TryGetProperty("chain", out var c))
                {
                    chains.Add((Str(c, "name") ?? "", Str(c, "type") ?? "", Str(c, "hook") ?? "",
                        c.TryGetProperty("prio", out var p) && p.TryGetInt32(out var prio) ? prio : 0, Str(c, "policy") ?? ""));
                }
                else if (item.TryGetProperty("rule", out var r))
                {
                    var chain = Str(r, "chain") ?? "";
                    if (!rules.TryGetValue(chain, out var list))
                    {
                        rules[chain] = list = [];
                    }

                    list.Add(ParseRule(r));
                }
                else if (!item.TryGetProperty("metainfo", out _))
                {
                    // Flowtables, counters, quotas, …: the agent never creates these.
                    sets.Add(new NftSetPlan("?" + item.GetRawText(), "?", []));
                }
            }

            if (family is null || name is null)
            {
                return null;
            }

            var chainPlans = chains.Select(c => new NftChainPlan(c.Name, c.Type, c.Hook, c.Prio, c.Policy,
                rules.TryGetValue(c.Name, out var list) ? list : [])).ToList();
            return new NftTablePlan(family, name, sets, chainPlans);
        }
    }

    private static NftSetPlan ParseSet(JsonElement s)
    {
        var type = s.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString()! : "?" + (t.ValueKind == JsonValueKind.Undefined ? "" : t.GetRawText());
        // Anything beyond name/type/elements (flags, timeout, size, policy, …) makes it a different set.
        foreach (var p in s.EnumerateObject())
        {
            if (p.Name is not ("family" or "name" or "table" or "type" or "handle" or "elem" or "comment"))
            {
                type += $"?{p.Name}={p.Value.GetRawText()}";
            }
        }

        var elements = new List<string>();
        if (s.TryGetProperty("elem", out var elem) && elem.ValueKind == JsonValueKind.Array)
        {
            foreach (var e in elem.EnumerateArray())
            {
                elements.Add(e.ValueKind switch
                {
                    JsonValueKind.String => Canonical(e.GetString()!, type),
                    JsonValueKind.Number => e.GetRawText(),
                    _ => "?" + e.GetRawText(),
                });
            }
        }

        return new NftSetPlan(Str(s, "name") ?? "", type, Sort(elements, type));
    }

    private static string Canonical(string element, string type) =>
        type is "ipv4_addr" or "ipv6_addr" && IPAddress.TryParse(element, out var ip) ? ip.ToString() : element;

    /// <summary>The planner's order: addresses numerically, ports numerically.</summary>
    private static List<string> Sort(List<string> elements, string type) => type switch
    {
        "ipv4_addr" or "ipv6_addr" when elements.All(e => IPAddress.TryParse(e, out _)) =>
            elements.Select(IPAddress.Parse).OrderBy(a => a, AddressOrder.Instance).Select(a => a.ToString()).ToList(),
        "inet_service" when elements.All(e => int.TryParse(e, NumberStyles.None, CultureInfo.InvariantCulture, out _)) =>
            elements.OrderBy(e => int.Parse(e, CultureInfo.InvariantCulture)).ToList(),
        _ => elements,
    };

    private static NftRulePlan ParseRule(JsonElement rule)
    {
        var matches = new List<NftMatch>();
        TcHandle? priority = null;
        string? dscpFamily = null;
        int? dscp = null;
        var verdict = "";
        if (!rule.TryGetProperty("expr", out var exprs) || exprs.ValueKind != JsonValueKind.Array)
        {
            return new NftRulePlan([Unknown(rule)], null, null, null, "");
        }

        foreach (var e in exprs.EnumerateArray())
        {
            if (e.TryGetProperty("match", out var m))
            {
                matches.Add(new NftMatch(Operand(m, "left"), Str(m, "op") ?? "?", Operand(m, "right")));
            }
            else if (e.TryGetProperty("mangle", out var mg) && mg.TryGetProperty("key", out var key) && mg.TryGetProperty("value", out var value))
            {
                var target = Expression(key);
                var text = value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();
                if (target == "meta priority" && priority is null && TcHandle.TryParse(text, out var h))
                {
                    priority = h;
                }
                else if (target is "ip dscp" or "ip6 dscp" && dscp is null && DscpCodePoint.TryParse(text, out var d))
                {
                    dscpFamily = target[..target.IndexOf(' ', StringComparison.Ordinal)];
                    dscp = d;
                }
                else
                {
                    matches.Add(Unknown(e));
                }
            }
            else if (e.ValueKind == JsonValueKind.Object && e.EnumerateObject().FirstOrDefault() is { Name: "accept" or "drop" or "return" or "continue" } v
                     && v.Value.ValueKind == JsonValueKind.Null && verdict.Length == 0)
            {
                verdict = v.Name;
            }
            else
            {
                matches.Add(Unknown(e));
            }
        }

        return new NftRulePlan(matches, priority, dscpFamily, dscp, verdict);
    }

    private static string Operand(JsonElement match, string side)
    {
        if (!match.TryGetProperty(side, out var v))
        {
            return "?";
        }

        return v.ValueKind switch
        {
            JsonValueKind.String => v.GetString()!,
            JsonValueKind.Number => v.GetRawText(),
            JsonValueKind.Object => Expression(v),
            _ => "?" + v.GetRawText(),
        };
    }

    /// <summary>"meta oifname", "ip saddr", "tcp dport", …; anything else keeps its JSON.</summary>
    private static string Expression(JsonElement e)
    {
        if (e.ValueKind == JsonValueKind.Object && e.TryGetProperty("meta", out var meta) && Str(meta, "key") is { } key)
        {
            return "meta " + key;
        }

        if (e.ValueKind == JsonValueKind.Object && e.TryGetProperty("payload", out var payload) &&
            Str(payload, "protocol") is { } protocol && Str(payload, "field") is { } field)
        {
            return protocol + " " + field;
        }

        return "?" + e.GetRawText();
    }

    private static NftMatch Unknown(JsonElement e) => new("?", "?", e.GetRawText());

    private static string? Str(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
