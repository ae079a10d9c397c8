using System.Globalization;
using Netguard.Core.Qos;

namespace Netguard.Core.Config;

/// <summary>
/// The semantic rules of SPEC §4 over a bound config (every rule, every problem; see docs/config.md): QoS rates
/// fit the link and <c>ceil ≥ rate</c>, priorities 0–7, class names are unique DNS labels, every class named
/// anywhere exists, DSCP values are known, ports are ports, the topology and taint settings hold values the
/// Kubernetes API accepts, and <c>rules:</c> names known rules with actions they can take.
/// </summary>
public static class NetguardConfigValidator
{
    private static readonly string[] TaintEffects = ["NoSchedule", "PreferNoSchedule", "NoExecute"];
    private static readonly string[] WhenUnsatisfiableValues = ["DoNotSchedule", "ScheduleAnyway"];
    private static readonly string[] TrafficDistributions = ["", "PreferClose", "PreferSameZone", "PreferSameNode"];

    /// <summary>Every problem of <paramref name="config"/> (no source lines: the config may not come from text).</summary>
    public static IReadOnlyList<ConfigProblem> Validate(NetguardConfig config)
    {
        var problems = new List<ConfigProblem>();
        Validate(config, (path, message) => problems.Add(new ConfigProblem(path.Display, message)));
        return problems;
    }

    internal static void Validate(NetguardConfig config, Action<ConfigPath, string> report)
    {
        ArgumentNullException.ThrowIfNull(config);
        var root = ConfigPath.Root;
        if (config.ApiVersion != NetguardConfig.CurrentApiVersion)
        {
            report(root.Key("apiVersion"), $"must be {NetguardConfig.CurrentApiVersion}, found \"{config.ApiVersion}\"");
        }

        if (config.Kind != nameof(NetguardConfig))
        {
            report(root.Key("kind"), $"must be {nameof(NetguardConfig)}, found \"{config.Kind}\"");
        }

        ControlPlane(config.ControlPlane, root.Key("controlPlane"), report);
        Topology(config.Topology, root.Key("topology"), report);
        Dns(config.Netpol.Dns, root.Key("netpol").Key("dns"), report);
        Qos(config.Qos, root.Key("qos"), report);
        Rules(config.Rules, root.Key("rules"), report);
    }

    private static void ControlPlane(ControlPlaneConfig cp, ConfigPath path, Action<ConfigPath, string> report)
    {
        var selector = path.Key("nodeSelector");
        if (cp.NodeSelector.Count == 0)
        {
            report(selector, "must not be empty (an empty selector makes every node a control-plane node)");
        }

        Labels(cp.NodeSelector, selector, report);
        var taint = path.Key("taint");
        QualifiedName(cp.Taint.Key, taint.Key("key"), report);
        if (cp.Taint.Value is { } value && !KubeNameSyntax.IsLabelValue(value))
        {
            report(taint.Key("value"), KubeNameSyntax.LabelValueRule);
        }

        OneOf(cp.Taint.Effect, TaintEffects, taint.Key("effect"), report);
        Namespaces(cp.AllowedNamespaces, path.Key("allowedNamespaces"), report);
        for (var i = 0; i < cp.TaintAdmins.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(cp.TaintAdmins[i]))
            {
                report(path.Key("taintAdmins").Index(i), "must name a user or group");
            }
        }
    }

    private static void Topology(TopologyConfig topology, ConfigPath path, Action<ConfigPath, string> report)
    {
        for (var i = 0; i < topology.Spread.Count; i++)
        {
            var s = topology.Spread[i];
            var p = path.Key("spread").Index(i);
            Namespaces(s.Namespaces, p.Key("namespaces"), report);
            Labels(s.MatchLabels, p.Key("matchLabels"), report);
            QualifiedName(s.TopologyKey, p.Key("topologyKey"), report);
            if (s.MaxSkew < 1)
            {
                report(p.Key("maxSkew"), $"must be at least 1, found {s.MaxSkew}");
            }

            OneOf(s.WhenUnsatisfiable, WhenUnsatisfiableValues, p.Key("whenUnsatisfiable"), report);
            if (s.SelectorLabelKeys.Count == 0)
            {
                report(p.Key("selectorLabelKeys"), "must name at least one label key");
            }

            for (var j = 0; j < s.SelectorLabelKeys.Count; j++)
            {
                QualifiedName(s.SelectorLabelKeys[j], p.Key("selectorLabelKeys").Index(j), report);
            }
        }

        for (var i = 0; i < topology.Colocate.Count; i++)
        {
            var c = topology.Colocate[i];
            var p = path.Key("colocate").Index(i);
            Namespaces(c.Namespaces, p.Key("namespaces"), report);
            Labels(c.MatchLabels, p.Key("matchLabels"), report);
            var with = p.Key("with").Key("labels");
            if (c.With.Labels.Count == 0)
            {
                report(with, "must name at least one label (the pods to be near)");
            }

            Labels(c.With.Labels, with, report);
            QualifiedName(c.TopologyKey, p.Key("topologyKey"), report);
            if (c.Weight is < 1 or > 100)
            {
                report(p.Key("weight"), $"must be 1–100 (a preferred affinity weight), found {c.Weight}");
            }
        }

        OneOf(topology.Services.TrafficDistribution, TrafficDistributions, path.Key("services").Key("trafficDistribution"), report);
    }

    private static void Dns(DnsConfig dns, ConfigPath path, Action<ConfigPath, string> report)
    {
        if (!KubeNameSyntax.IsDnsLabel(dns.Namespace))
        {
            report(path.Key("namespace"), KubeNameSyntax.DnsLabelRule);
        }

        Labels(dns.PodLabels, path.Key("podLabels"), report);
        Port(dns.Port, path.Key("port"), report);
    }

    private static void Qos(QosConfig qos, ConfigPath path, Action<ConfigPath, string> report)
    {
        long? link = null;
        if (qos.LinkRate.IsPercent)
        {
            report(path.Key("linkRate"), $"must be an absolute rate such as 1gbit, not {qos.LinkRate}");
        }
        else if (qos.LinkRate.BitsPerSecond is not > 0)
        {
            report(path.Key("linkRate"), "must be greater than 0");
        }
        else
        {
            link = qos.LinkRate.BitsPerSecond;
        }

        var classes = path.Key("classes");
        if (qos.Classes.Count == 0)
        {
            report(classes, "must define at least one class");
        }

        var firstIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        decimal guaranteed = 0;
        for (var i = 0; i < qos.Classes.Count; i++)
        {
            var c = qos.Classes[i];
            var p = classes.Index(i);
            if (!KubeNameSyntax.IsDnsLabel(c.Name))
            {
                report(p.Key("name"), KubeNameSyntax.DnsLabelRule);
            }
            else if (!firstIndex.TryAdd(c.Name, i))
            {
                report(p.Key("name"), $"class \"{c.Name}\" is already defined at qos.classes[{firstIndex[c.Name]}]");
            }

            if (c.Priority is < 0 or > 7)
            {
                report(p.Key("priority"), $"must be 0–7 (0 is served first), found {c.Priority}");
            }

            if (c.Dscp is { } dscp && !DscpCodePoint.TryParse(dscp, out _))
            {
                report(p.Key("dscp"), $"unknown DSCP \"{dscp}\" (want 0–63 or a name: CS0–CS7, AF11–AF43, EF, VA, DF, LEPHB)");
            }

            var rateBits = Resolve(c.Rate, link);
            var ceilBits = Resolve(c.Ceil, link);
            if (IsZero(c.Rate))
            {
                report(p.Key("rate"), "must be greater than 0");
            }

            if (IsZero(c.Ceil))
            {
                report(p.Key("ceil"), "must be greater than 0");
            }
            else if (rateBits is { } rb && ceilBits is { } cb && cb < rb)
            {
                report(p.Key("ceil"), $"ceil {Describe(c.Ceil, cb)} is below rate {Describe(c.Rate, rb)}");
            }

            guaranteed += rateBits ?? 0;
        }

        if (link is { } l && guaranteed > l)
        {
            var share = Math.Round(guaranteed * 100 / l, 2).ToString(CultureInfo.InvariantCulture);
            report(classes, $"guaranteed rates add up to {share}% of qos.linkRate {RateSpec.FormatBits(l)}; the sum must not exceed 100%");
        }

        if (!firstIndex.ContainsKey(qos.DefaultClass))
        {
            report(path.Key("defaultClass"), UndefinedClass(qos.DefaultClass));
        }

        var assignmentNames = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < qos.Assignments.Count; i++)
        {
            var a = qos.Assignments[i];
            var p = path.Key("assignments").Index(i);
            if (a.Name is { } name)
            {
                if (string.IsNullOrWhiteSpace(name))
                {
                    report(p.Key("name"), "must not be empty (leave it out to use the index)");
                }
                else if (!assignmentNames.TryAdd(name, i))
                {
                    report(p.Key("name"), $"assignment \"{name}\" is already defined at qos.assignments[{assignmentNames[name]}]");
                }
            }

            ClassReference(a.Class, firstIndex, p.Key("class"), report);
            if (a.Namespaces is not null)
            {
                Namespaces(a.Namespaces, p.Key("namespaces"), report);
            }

            for (var j = 0; a.PriorityClassNames is not null && j < a.PriorityClassNames.Count; j++)
            {
                if (!KubeNameSyntax.IsDnsSubdomain(a.PriorityClassNames[j]))
                {
                    report(p.Key("priorityClassNames").Index(j), "must be a PriorityClass name (a DNS-1123 subdomain)");
                }
            }

            if (a.MatchLabels is not null)
            {
                Labels(a.MatchLabels, p.Key("matchLabels"), report);
            }
        }

        for (var i = 0; i < qos.Requests.Count; i++)
        {
            var g = qos.Requests[i];
            var p = path.Key("requests").Index(i);
            ClassReference(g.Class, firstIndex, p.Key("class"), report);
            if (g.Namespaces.Count == 0)
            {
                report(p.Key("namespaces"), "must name at least one namespace, or \"*\" for all");
            }

            Namespaces(g.Namespaces, p.Key("namespaces"), report);
        }

        for (var i = 0; i < qos.ControlPlanePorts.Count; i++)
        {
            Port(qos.ControlPlanePorts[i], path.Key("controlPlanePorts").Index(i), report);
        }
    }

    private static void Rules(Dictionary<string, RuleAction> rules, ConfigPath path, Action<ConfigPath, string> report)
    {
        foreach (var (id, action) in rules)
        {
            var p = path.Key(id);
            if (RuleCatalog.Find(id) is not { } rule)
            {
                var suggestion = ConfigNodeReader.Suggest(id, RuleCatalog.All.Select(r => r.Id));
                report(p, suggestion is null ? "unknown rule id (see docs/config.md for the list)" : $"unknown rule id (did you mean \"{suggestion}\"?)");
                continue;
            }

            if (!rule.AllowedActions.Contains(action))
            {
                var allowed = string.Join(", ", rule.AllowedActions.Select(RuleCatalog.Format));
                var kind = rule.Kind == RuleKind.Mutation ? "mutation" : "validation";
                report(p, $"\"{RuleCatalog.Format(action)}\" is not an action of {kind} rule {id} (want {allowed})");
            }
        }
    }

    private static long? Resolve(RateSpec rate, long? link) =>
        rate.BitsPerSecond ?? (rate.Percent is { } pct && link is { } l ? (long)Math.Round(l * (decimal)pct / 100m, MidpointRounding.AwayFromZero) : null);

    private static bool IsZero(RateSpec rate) => (rate.BitsPerSecond ?? 0) <= 0 && (rate.Percent ?? 0) <= 0;

    private static string Describe(RateSpec spec, long bits) =>
        spec.IsPercent ? $"{spec} ({RateSpec.FormatBits(bits)})" : spec.ToString();

    private static string UndefinedClass(string name) => $"class \"{name}\" is not defined in qos.classes";

    private static void ClassReference(string name, Dictionary<string, int> classes, ConfigPath path, Action<ConfigPath, string> report)
    {
        if (!classes.ContainsKey(name))
        {
            report(path, UndefinedClass(name));
        }
    }

    private static void Namespaces(List<string> namespaces, ConfigPath path, Action<ConfigPath, string> report)
    {
        for (var i = 0; i < namespaces.Count; i++)
        {
            if (namespaces[i] != "*" && !KubeNameSyntax.IsDnsLabel(namespaces[i]))
            {
                report(path.Index(i), $"\"{namespaces[i]}\" is not a namespace name: {KubeNameSyntax.DnsLabelRule}, or \"*\" for all");
            }
        }
    }

    private static void Labels(Dictionary<string, string> labels, ConfigPath path, Action<ConfigPath, string> report)
    {
        foreach (var (key, value) in labels)
        {
            var p = path.Key(key);
            if (!KubeNameSyntax.IsQualifiedName(key))
            {
                report(p, $"key {KubeNameSyntax.QualifiedNameRule}");
            }
            else if (!KubeNameSyntax.IsLabelValue(value))
            {
                report(p, $"value \"{value}\" {KubeNameSyntax.LabelValueRule}");
            }
        }
    }

    private static void QualifiedName(string value, ConfigPath path, Action<ConfigPath, string> report)
    {
        if (!KubeNameSyntax.IsQualifiedName(value))
        {
            report(path, $"\"{value}\" {KubeNameSyntax.QualifiedNameRule}");
        }
    }

    private static void OneOf(string value, string[] allowed, ConfigPath path, Action<ConfigPath, string> report)
    {
        if (Array.IndexOf(allowed, value) < 0)
        {
            report(path, $"must be one of {string.Join(", ", allowed.Select(a => a.Length == 0 ? "\"\"" : a))}, found \"{value}\"");
        }
    }

    private static void Port(int port, ConfigPath path, Action<ConfigPath, string> report)
    {
        if (port is < 1 or > 65535)
        {
            report(path, $"must be a port 1–65535, found {port}");
        }
    }
}
