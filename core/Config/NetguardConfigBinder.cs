using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Netguard.Core.Config;

/// <summary>
/// Binds a config document (YAML read as JSON) onto <see cref="NetguardConfig"/>: mappings are filled field by
/// field over the defaults, lists and label maps replace the default wholesale, and every unknown key, wrong type
/// or missing required field is reported with its path.
/// </summary>
internal static class NetguardConfigBinder
{
    public static NetguardConfig Bind(JsonNode? root, ConfigNodeReader r)
    {
        var config = new NetguardConfig();
        foreach (var (key, value, p) in r.Fields(root, ConfigPath.Root, "apiVersion", "kind", "controlPlane", "topology", "netpol", "qos", "rules"))
        {
            switch (key)
            {
                case "apiVersion":
                    config.ApiVersion = r.String(value, p) ?? config.ApiVersion;
                    break;
                case "kind":
                    config.Kind = r.String(value, p) ?? config.Kind;
                    break;
                case "controlPlane":
                    ControlPlane(config.ControlPlane, value, p, r);
                    break;
                case "topology":
                    Topology(config.Topology, value, p, r);
                    break;
                case "netpol":
                    foreach (var (_, v, pp) in r.Fields(value, p, "dns"))
                    {
                        Dns(config.Netpol.Dns, v, pp, r);
                    }

                    break;
                case "qos":
                    Qos(config.Qos, value, p, r);
                    break;
                case "rules":
                    Rules(config.Rules, value, p, r);
                    break;
            }
        }

        return config;
    }

    private static void ControlPlane(ControlPlaneConfig cp, JsonNode? node, ConfigPath path, ConfigNodeReader r)
    {
        foreach (var (key, value, p) in r.Fields(node, path, "nodeSelector", "taint", "allowedNamespaces", "allowDaemonSets", "taintAdmins"))
        {
            switch (key)
            {
                case "nodeSelector":
                    cp.NodeSelector = r.StringMap(value, p) ?? cp.NodeSelector;
                    break;
                case "taint":
                    foreach (var (k, v, pp) in r.Fields(value, p, "key", "value", "effect"))
                    {
                        switch (k)
                        {
                            case "key":
                                cp.Taint.Key = r.String(v, pp) ?? cp.Taint.Key;
                                break;
                            case "value":
                                cp.Taint.Value = r.String(v, pp);
                                break;
                            case "effect":
                                cp.Taint.Effect = r.String(v, pp) ?? cp.Taint.Effect;
                                break;
                        }
                    }

                    break;
                case "allowedNamespaces":
                    cp.AllowedNamespaces = r.Strings(value, p) ?? cp.AllowedNamespaces;
                    break;
                case "allowDaemonSets":
                    cp.AllowDaemonSets = r.Bool(value, p) ?? cp.AllowDaemonSets;
                    break;
                case "taintAdmins":
                    cp.TaintAdmins = r.Strings(value, p) ?? cp.TaintAdmins;
                    break;
            }
        }
    }

    private static void Topology(TopologyConfig topology, JsonNode? node, ConfigPath path, ConfigNodeReader r)
    {
        foreach (var (key, value, p) in r.Fields(node, path, "spread", "colocate", "services"))
        {
            switch (key)
            {
                case "spread":
                    topology.Spread = r.List(value, p, (n, pp) => Spread(n, pp, r)) ?? topology.Spread;
                    break;
                case "colocate":
                    topology.Colocate = r.List(value, p, (n, pp) => Colocate(n, pp, r)) ?? topology.Colocate;
                    break;
                case "services":
                    foreach (var (_, v, pp) in r.Fields(value, p, "trafficDistribution"))
                    {
                        topology.Services.TrafficDistribution = r.String(v, pp) ?? topology.Services.TrafficDistribution;
                    }

                    break;
            }
        }
    }

    private static SpreadRule? Spread(JsonNode node, ConfigPath path, ConfigNodeReader r)
    {
        var rule = new SpreadRule();
        foreach (var (key, value, p) in r.Fields(node, path, "namespaces", "matchLabels", "topologyKey", "maxSkew", "whenUnsatisfiable", "selectorLabelKeys"))
        {
            switch (key)
            {
                case "namespaces":
                    rule.Namespaces = r.Strings(value, p) ?? rule.Namespaces;
                    break;
                case "matchLabels":
                    rule.MatchLabels = r.StringMap(value, p) ?? rule.MatchLabels;
                    break;
                case "topologyKey":
                    rule.TopologyKey = r.String(value, p) ?? rule.TopologyKey;
                    break;
                case "maxSkew":
                    rule.MaxSkew = r.Int(value, p) ?? rule.MaxSkew;
                    break;
                case "whenUnsatisfiable":
                    rule.WhenUnsatisfiable = r.String(value, p) ?? rule.WhenUnsatisfiable;
                    break;
                case "selectorLabelKeys":
                    rule.SelectorLabelKeys = r.Strings(value, p) ?? rule.SelectorLabelKeys;
                    break;
            }
        }

        return node is JsonObject ? rule : null;
    }

    private static ColocateRule? Colocate(JsonNode node, ConfigPath path, ConfigNodeReader r)
    {
        var rule = new ColocateRule();
        var hasWith = false;
        foreach (var (key, value, p) in r.Fields(node, path, "namespaces", "matchLabels", "with", "topologyKey", "weight"))
        {
            switch (key)
            {
                case "namespaces":
                    rule.Namespaces = r.Strings(value, p) ?? rule.Namespaces;
                    break;
                case "matchLabels":
                    rule.MatchLabels = r.StringMap(value, p) ?? rule.MatchLabels;
                    break;
                case "with":
                    hasWith = value is not null;
                    foreach (var (_, v, pp) in r.Fields(value, p, "labels"))
                    {
                        rule.With.Labels = r.StringMap(v, pp) ?? rule.With.Labels;
                    }

                    break;
                case "topologyKey":
                    rule.TopologyKey = r.String(value, p) ?? rule.TopologyKey;
                    break;
                case "weight":
                    rule.Weight = r.Int(value, p) ?? rule.Weight;
                    break;
            }
        }

        if (node is not JsonObject)
        {
            return null;
        }

        Require(hasWith, path.Key("with"), r);
        return rule;
    }

    private static void Dns(DnsConfig dns, JsonNode? node, ConfigPath path, ConfigNodeReader r)
    {
        foreach (var (key, value, p) in r.Fields(node, path, "namespace", "podLabels", "port"))
        {
            switch (key)
            {
                case "namespace":
                    dns.Namespace = r.String(value, p) ?? dns.Namespace;
                    break;
                case "podLabels":
                    dns.PodLabels = r.StringMap(value, p) ?? dns.PodLabels;
                    break;
                case "port":
                    dns.Port = r.Int(value, p) ?? dns.Port;
                    break;
            }
        }
    }

    private static void Qos(QosConfig qos, JsonNode? node, ConfigPath path, ConfigNodeReader r)
    {
        foreach (var (key, value, p) in r.Fields(node, path, "linkRate", "defaultClass", "classes", "assignments", "requests", "controlPlanePorts"))
        {
            switch (key)
            {
                case "linkRate":
                    qos.LinkRate = r.Rate(value, p) ?? qos.LinkRate;
                    break;
                case "defaultClass":
                    qos.DefaultClass = r.String(value, p) ?? qos.DefaultClass;
                    break;
                case "classes":
                    qos.Classes = r.List(value, p, (n, pp) => Class(n, pp, r)) ?? qos.Classes;
                    break;
                case "assignments":
                    qos.Assignments = r.List(value, p, (n, pp) => Assignment(n, pp, r)) ?? qos.Assignments;
                    break;
                case "requests":
                    qos.Requests = r.List(value, p, (n, pp) => Request(n, pp, r)) ?? qos.Requests;
                    break;
                case "controlPlanePorts":
                    qos.ControlPlanePorts = r.Ints(value, p) ?? qos.ControlPlanePorts;
                    break;
            }
        }
    }

    private static QosClass? Class(JsonNode node, ConfigPath path, ConfigNodeReader r)
    {
        var c = new QosClass();
        bool hasName = false, hasRate = false;
        foreach (var (key, value, p) in r.Fields(node, path, "name", "priority", "rate", "ceil", "dscp"))
        {
            switch (key)
            {
                case "name":
                    hasName = value is not null;
                    c.Name = r.String(value, p) ?? c.Name;
                    break;
                case "priority":
                    c.Priority = r.Int(value, p) ?? c.Priority;
                    break;
                case "rate":
                    hasRate = value is not null;
                    c.Rate = r.Rate(value, p) ?? c.Rate;
                    break;
                case "ceil":
                    c.Ceil = r.Rate(value, p) ?? c.Ceil;
                    break;
                case "dscp":
                    c.Dscp = value is JsonValue v && v.GetValueKind() == JsonValueKind.Number
                        ? (r.Int(value, p) is { } d ? d.ToString(CultureInfo.InvariantCulture) : null)
                        : r.String(value, p);
                    break;
            }
        }

        if (node is not JsonObject)
        {
            return null;
        }

        Require(hasName, path.Key("name"), r);
        Require(hasRate, path.Key("rate"), r);
        return c;
    }

    private static QosAssignment? Assignment(JsonNode node, ConfigPath path, ConfigNodeReader r)
    {
        var a = new QosAssignment();
        var hasClass = false;
        foreach (var (key, value, p) in r.Fields(node, path, "name", "class", "namespaces", "priorityClassNames", "matchLabels"))
        {
            switch (key)
            {
                case "name":
                    a.Name = r.String(value, p);
                    break;
                case "class":
                    hasClass = value is not null;
                    a.Class = r.String(value, p) ?? a.Class;
                    break;
                case "namespaces":
                    a.Namespaces = r.Strings(value, p);
                    break;
                case "priorityClassNames":
                    a.PriorityClassNames = r.Strings(value, p);
                    break;
                case "matchLabels":
                    a.MatchLabels = r.StringMap(value, p);
                    break;
            }
        }

        if (node is not JsonObject)
        {
            return null;
        }

        Require(hasClass, path.Key("class"), r);
        return a;
    }

    private static QosRequestGrant? Request(JsonNode node, ConfigPath path, ConfigNodeReader r)
    {
        var g = new QosRequestGrant();
        bool hasClass = false, hasNamespaces = false;
        foreach (var (key, value, p) in r.Fields(node, path, "class", "namespaces"))
        {
            switch (key)
            {
                case "class":
                    hasClass = value is not null;
                    g.Class = r.String(value, p) ?? g.Class;
                    break;
                case "namespaces":
                    hasNamespaces = value is not null;
                    g.Namespaces = r.Strings(value, p) ?? g.Namespaces;
                    break;
            }
        }

        if (node is not JsonObject)
        {
            return null;
        }

        Require(hasClass, path.Key("class"), r);
        Require(hasNamespaces, path.Key("namespaces"), r);
        return g;
    }

    private static void Rules(Dictionary<string, RuleAction> rules, JsonNode? node, ConfigPath path, ConfigNodeReader r)
    {
        if (node is null)
        {
            return;
        }

        if (node is not JsonObject obj)
        {
            r.Problem(path, $"want a mapping of rule id to action, found {ConfigNodeReader.Describe(node)}");
            return;
        }

        foreach (var (id, value) in obj)
        {
            var p = path.Key(id);
            switch (value?.GetValueKind())
            {
                // Unquoted on/off (and yes/no) are YAML 1.1 booleans: take them as the on/off they were meant to be.
                case JsonValueKind.True:
                    rules[id] = RuleAction.On;
                    break;
                case JsonValueKind.False:
                    rules[id] = RuleAction.Off;
                    break;
                case JsonValueKind.String when RuleCatalog.TryParse(value.GetValue<string>(), out var action):
                    rules[id] = action;
                    break;
                case JsonValueKind.String:
                    r.Problem(p, $"unknown action \"{value.GetValue<string>()}\" (want deny, warn or off; on or off for mutations)");
                    break;
                default:
                    r.Problem(p, $"want an action (deny, warn, off, on), found {ConfigNodeReader.Describe(value)}");
                    break;
            }
        }
    }

    private static void Require(bool present, ConfigPath path, ConfigNodeReader r)
    {
        if (!present)
        {
            r.Problem(path, "required");
        }
    }
}
