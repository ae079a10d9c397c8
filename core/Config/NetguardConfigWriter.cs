using System.Text.Json.Nodes;
using Netguard.Core.Yaml;

namespace Netguard.Core.Config;

/// <summary>
/// Writes a NetguardConfig back out (for <c>config view</c>) in the layout of SPEC §4, with every field
/// present; what it writes loads back to an equal config.
/// </summary>
public static class NetguardConfigWriter
{
    /// <summary>
    /// The config as JSON. With <paramref name="effectiveRules"/>, <c>rules:</c> lists every known rule with the
    /// action it has under this config, instead of only the overrides.
    /// </summary>
    public static JsonObject ToJson(NetguardConfig config, bool effectiveRules = false)
    {
        ArgumentNullException.ThrowIfNull(config);
        var cp = config.ControlPlane;
        var rules = new JsonObject();
        var entries = effectiveRules
            ? RuleCatalog.EffectiveActions(config).Concat(config.Rules.Where(r => RuleCatalog.Find(r.Key) is null))
            : config.Rules;
        foreach (var (id, action) in entries)
        {
            rules[id] = RuleCatalog.Format(action);
        }

        return new JsonObject
        {
            ["apiVersion"] = config.ApiVersion,
            ["kind"] = config.Kind,
            ["controlPlane"] = new JsonObject
            {
                ["nodeSelector"] = Map(cp.NodeSelector),
                ["taint"] = Optional(new JsonObject { ["key"] = cp.Taint.Key }, "value", cp.Taint.Value).With("effect", cp.Taint.Effect),
                ["allowedNamespaces"] = Strings(cp.AllowedNamespaces),
                ["allowDaemonSets"] = cp.AllowDaemonSets,
                ["taintAdmins"] = Strings(cp.TaintAdmins),
            },
            ["topology"] = new JsonObject
            {
                ["spread"] = new JsonArray(config.Topology.Spread.Select(s => (JsonNode?)new JsonObject
                {
                    ["namespaces"] = Strings(s.Namespaces),
                    ["matchLabels"] = Map(s.MatchLabels),
                    ["topologyKey"] = s.TopologyKey,
                    ["maxSkew"] = s.MaxSkew,
                    ["whenUnsatisfiable"] = s.WhenUnsatisfiable,
                    ["selectorLabelKeys"] = Strings(s.SelectorLabelKeys),
                }).ToArray()),
                ["colocate"] = new JsonArray(config.Topology.Colocate.Select(c => (JsonNode?)new JsonObject
                {
                    ["namespaces"] = Strings(c.Namespaces),
                    ["matchLabels"] = Map(c.MatchLabels),
                    ["with"] = new JsonObject { ["labels"] = Map(c.With.Labels) },
                    ["topologyKey"] = c.TopologyKey,
                    ["weight"] = c.Weight,
                }).ToArray()),
                ["services"] = new JsonObject { ["trafficDistribution"] = config.Topology.Services.TrafficDistribution },
            },
            ["netpol"] = new JsonObject
            {
                ["dns"] = new JsonObject
                {
                    ["namespace"] = config.Netpol.Dns.Namespace,
                    ["podLabels"] = Map(config.Netpol.Dns.PodLabels),
                    ["port"] = config.Netpol.Dns.Port,
                },
            },
            ["qos"] = new JsonObject
            {
                ["linkRate"] = config.Qos.LinkRate.ToString(),
                ["defaultClass"] = config.Qos.DefaultClass,
                ["classes"] = new JsonArray(config.Qos.Classes.Select(c => (JsonNode?)Optional(new JsonObject
                {
                    ["name"] = c.Name,
                    ["priority"] = c.Priority,
                    ["rate"] = c.Rate.ToString(),
                    ["ceil"] = c.Ceil.ToString(),
                }, "dscp", c.Dscp)).ToArray()),
                ["assignments"] = new JsonArray(config.Qos.Assignments.Select(a =>
                {
                    var o = Optional(new JsonObject(), "name", a.Name).With("class", a.Class);
                    if (a.Namespaces is not null)
                    {
                        o["namespaces"] = Strings(a.Namespaces);
                    }

                    if (a.PriorityClassNames is not null)
                    {
                        o["priorityClassNames"] = Strings(a.PriorityClassNames);
                    }

                    if (a.MatchLabels is not null)
                    {
                        o["matchLabels"] = Map(a.MatchLabels);
                    }

                    return (JsonNode?)o;
                }).ToArray()),
                ["requests"] = new JsonArray(config.Qos.Requests.Select(r => (JsonNode?)new JsonObject
                {
                    ["class"] = r.Class,
                    ["namespaces"] = Strings(r.Namespaces),
                }).ToArray()),
                ["controlPlanePorts"] = new JsonArray(config.Qos.ControlPlanePorts.Select(p => (JsonNode?)p).ToArray()),
            },
            ["rules"] = rules,
        };
    }

    /// <summary>The config as YAML (<see cref="ToJson"/> through <see cref="YamlJsonWriter"/>).</summary>
    public static string ToYaml(NetguardConfig config, bool effectiveRules = false) =>
        YamlJsonWriter.Write(ToJson(config, effectiveRules));

    private static JsonObject Map(Dictionary<string, string> map)
    {
        var o = new JsonObject();
        foreach (var (k, v) in map)
        {
            o[k] = v;
        }

        return o;
    }

    private static JsonArray Strings(IEnumerable<string> items) => new(items.Select(s => (JsonNode?)s).ToArray());

    private static JsonObject Optional(JsonObject o, string key, string? value)
    {
        if (value is not null)
        {
            o[key] = value;
        }

        return o;
    }

    private static JsonObject With(this JsonObject o, string key, JsonNode? value)
    {
        o[key] = value;
        return o;
    }
}
