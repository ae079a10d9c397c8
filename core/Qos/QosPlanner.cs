using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Netguard.Core.Config;
using Netguard.Core.Kube.Models;
using Netguard.Core.Rules.Qos;

namespace Netguard.Core.Qos;

/// <summary>
/// Turns (config, the node's pods, device, link rate, kernel capabilities) into the desired HTB tree and
/// nftables table (SPEC §6.2). Pure and deterministic: the same input always gives the same plan.
/// </summary>
public static partial class QosPlanner
{
    public const string ChainName = "postrouting";
    public const string PortsSetName = "control_plane_ports";
    public const string ControlPlaneClassName = "control-plane";

    /// <summary>nftables' "mangle" priority: before NAT (srcnat is 100), so pod source addresses are still visible.</summary>
    public const int ChainPriority = -150;

    /// <summary>HTB's r2q default (tc-htb(8)): quantum = rate in bytes per second / r2q.</summary>
    public const int RateToQuantum = 10;

    /// <summary>The kernel warns "quantum of class is big" above this (net/sched/sch_htb.c).</summary>
    public const int MaxQuantum = 200_000;

    private const int EthernetHeader = 14;

    public static QosPlan Plan(QosPlanInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var config = input.Config;
        Validate(input);

        var warnings = new List<string>();
        var link = AlignToBytes(input.LinkBitsPerSecond);
        var leafKind = LeafQdiscChooser.ChooseKind(input.Capabilities);
        var minQuantum = input.Mtu + EthernetHeader;

        var leaves = new List<HtbClassPlan>(config.Classes.Count);
        var dscps = new List<int?>(config.Classes.Count);
        long guaranteed = 0;
        for (var i = 0; i < config.Classes.Count; i++)
        {
            var c = config.Classes[i];
            var rate = ResolveRate(c.Rate, link, c.Name, "rate", warnings);
            var ceil = ResolveRate(c.Ceil, link, c.Name, "ceil", warnings);
            if (ceil < rate)
            {
                warnings.Add($"class {c.Name}: ceil {RateSpec.FormatBits(ceil)} is below its rate {RateSpec.FormatBits(rate)}; using the rate as ceil");
                ceil = rate;
            }

            guaranteed += rate;
            var classId = new TcHandle(TcHandle.NetguardMajor, (ushort)((i + 1) * 0x10));
            leaves.Add(new HtbClassPlan(c.Name, classId, ParentClassId, rate, ceil, c.Priority,
                Quantum(rate, minQuantum), LeafQdiscChooser.Plan(leafKind, ceil)));
            dscps.Add(c.Dscp is null ? null : DscpCodePoint.TryParse(c.Dscp, out var d) ? d : null);
        }

        if (guaranteed > link)
        {
            warnings.Add($"guaranteed rates add up to {RateSpec.FormatBits(guaranteed)}, more than the link's {RateSpec.FormatBits(link)}; lower-priority classes may not get theirs");
        }

        var parent = new HtbClassPlan("link", ParentClassId, TcHandle.NetguardRoot, link, link, null, Quantum(link, minQuantum), null);
        var defaultIndex = config.Classes.FindIndex(c => c.Name == config.DefaultClass);
        var htb = new HtbPlan(TcHandle.NetguardRoot, leaves[defaultIndex].ClassId, parent, leaves);

        var pods = AssignPods(input.Pods, config, warnings);
        var nft = BuildTable(input.Device, config, leaves, dscps, pods);
        var classes = leaves.Select((l, i) => new QosClassPlan(l.Name, l.ClassId, l.RateBitsPerSecond, l.CeilBitsPerSecond,
            l.Priority.GetValueOrDefault(), dscps[i], pods.Count(p => p.Class == l.Name))).ToList();
        return new QosPlan(input.Device, link, leafKind, htb, nft, classes, pods, warnings)
        {
            PortsClass = config.ControlPlanePorts.Count > 0 ? config.Classes[ControlPlaneClassIndex(config)].Name : null,
        };
    }

    public static TcHandle ParentClassId => new(TcHandle.NetguardMajor, 1);

    /// <summary>nft set holding the pod addresses of one class and family: pods_control_plane_v4.</summary>
    public static string PodSetName(string className, AddressFamily family) =>
        "pods_" + className.Replace('-', '_') + (family == AddressFamily.InterNetworkV6 ? "_v6" : "_v4");

    /// <summary>
    /// HTB quantum, explicit on every class so the kernel never falls back to its own (and warns):
    /// rate/r2q as tc-htb(8) describes, but at least one full frame and at most the kernel's bound.
    /// </summary>
    public static int Quantum(long rateBitsPerSecond, int minimum) =>
        (int)Math.Clamp(rateBitsPerSecond / 8 / RateToQuantum, minimum, MaxQuantum);

    private static void Validate(QosPlanInput input)
    {
        var config = input.Config;
        if (!DeviceName().IsMatch(input.Device ?? ""))
        {
            throw new QosPlanException($"\"{input.Device}\" is not a network device name");
        }

        if (input.LinkBitsPerSecond < 8)
        {
            throw new QosPlanException($"link rate {input.LinkBitsPerSecond}bit is too small");
        }

        if (config.Classes.Count == 0)
        {
            throw new QosPlanException("qos.classes is empty");
        }

        if (config.Classes.Count > 0xfff)
        {
            throw new QosPlanException($"qos.classes has {config.Classes.Count} classes; at most 4095 fit in HTB class ids");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var c in config.Classes)
        {
            if (!DnsLabel().IsMatch(c.Name))
            {
                throw new QosPlanException($"qos class name \"{c.Name}\" is not a DNS label");
            }

            if (!seen.Add(c.Name))
            {
                throw new QosPlanException($"qos class \"{c.Name}\" is defined twice");
            }

            if (c.Priority is < 0 or > 7)
            {
                throw new QosPlanException($"qos class {c.Name}: priority {c.Priority} is outside 0-7");
            }

            if (c.Dscp is not null && !DscpCodePoint.TryParse(c.Dscp, out _))
            {
                throw new QosPlanException($"qos class {c.Name}: dscp \"{c.Dscp}\" is neither 0-63 nor a DSCP name");
            }
        }

        if (!seen.Contains(config.DefaultClass))
        {
            throw new QosPlanException($"qos.defaultClass \"{config.DefaultClass}\" is not a configured class");
        }

        foreach (var port in config.ControlPlanePorts)
        {
            if (port is < 1 or > 65535)
            {
                throw new QosPlanException($"qos.controlPlanePorts: {port} is not a TCP port");
            }
        }
    }

    private static long ResolveRate(RateSpec spec, long link, string className, string field, List<string> warnings)
    {
        var bits = AlignToBytes(spec.Resolve(link));
        if (bits > link)
        {
            warnings.Add($"class {className}: {field} {spec} exceeds the link rate {RateSpec.FormatBits(link)}; using the link rate");
            bits = link;
        }

        return Math.Max(bits, 8);
    }

    /// <summary>The kernel stores HTB rates in bytes per second; round down so read-back matches.</summary>
    private static long AlignToBytes(long bits) => bits / 8 * 8;

    private static List<QosPodAssignment> AssignPods(IReadOnlyList<Pod> pods, QosConfig config, List<string> warnings)
    {
        var classNames = config.Classes.Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        var taken = new Dictionary<IPAddress, string>();
        var result = new List<QosPodAssignment>();
        var ordered = pods
            .Where(p => p.Spec?.HostNetwork != true)
            .Where(p => !p.IsFinished())
            .OrderBy(p => p.Metadata.Namespace ?? "", StringComparer.Ordinal)
            .ThenBy(p => p.Metadata.Name ?? "", StringComparer.Ordinal);
        foreach (var pod in ordered)
        {
            var id = $"{pod.Metadata.Namespace}/{pod.Metadata.Name}";
            var addresses = new List<IPAddress>();
            foreach (var text in PodAddresses(pod))
            {
                if (!IPAddress.TryParse(text, out var ip) || ip.AddressFamily is not (AddressFamily.InterNetwork or AddressFamily.InterNetworkV6))
                {
                    warnings.Add($"pod {id}: ignoring invalid address \"{text}\"");
                    continue;
                }

                if (ip.IsIPv4MappedToIPv6)
                {
                    ip = ip.MapToIPv4();
                }

                if (addresses.Contains(ip))
                {
                    continue;
                }

                if (taken.TryGetValue(ip, out var owner))
                {
                    warnings.Add($"pod {id}: address {ip} is also held by {owner}; keeping it in {owner}'s class");
                    continue;
                }

                taken[ip] = id;
                addresses.Add(ip);
            }

            if (addresses.Count == 0)
            {
                continue;
            }

            string? requested = null;
            pod.Metadata.Annotations?.TryGetValue(QosAnnotations.Class, out requested);
            var (cls, source) = requested switch
            {
                null => Unannotated(pod, config),
                _ when classNames.Contains(requested) => (requested, QosClassSource.Annotation),
                _ => (config.DefaultClass, QosClassSource.UnknownClass),
            };
            if (source == QosClassSource.UnknownClass)
            {
                warnings.Add($"pod {id}: unknown class \"{requested}\"; using {config.DefaultClass}");
            }

            var sorted = addresses.OrderBy(a => a, AddressOrder.Instance).Select(a => a.ToString()).ToList();
            result.Add(new QosPodAssignment(pod.Metadata.Namespace ?? "", pod.Metadata.Name ?? "", cls, source, sorted));
        }

        return result;
    }

    /// <summary>A pod the webhook never stamped gets what the webhook would have given it.</summary>
    private static (string Class, QosClassSource Source) Unannotated(Pod pod, QosConfig config)
    {
        var stamp = QosClassResolver.Resolve(pod, pod.Metadata.Namespace ?? "default", config);
        return stamp.Source == QosAnnotations.SourceDefault
            ? (stamp.Class, QosClassSource.Default)
            : (stamp.Class, QosClassSource.Assignment);
    }

    private static IEnumerable<string> PodAddresses(Pod pod)
    {
        if (pod.Status?.PodIPs is { } ips)
        {
            foreach (var ip in ips)
            {
                if (!string.IsNullOrWhiteSpace(ip.Ip))
                {
                    yield return ip.Ip;
                }
            }
        }

        if (!string.IsNullOrWhiteSpace(pod.Status?.PodIP))
        {
            yield return pod.Status.PodIP;
        }
    }

    private static NftTablePlan BuildTable(string device, QosConfig config, List<HtbClassPlan> leaves, List<int?> dscps, List<QosPodAssignment> pods)
    {
        var sets = new List<NftSetPlan>();
        var rules = new List<NftRulePlan>
        {
            // Only the shaped device's packets: other devices' qdiscs may read skb->priority differently.
            new([new NftMatch("meta oifname", "!=", device, Quoted: true)], null, null, null, "accept"),
        };

        for (var i = 0; i < leaves.Count; i++)
        {
            var leaf = leaves[i];
            foreach (var (family, nftFamily, type) in Families)
            {
                var setName = PodSetName(leaf.Name, family);
                var elements = pods.Where(p => p.Class == leaf.Name)
                    .SelectMany(p => p.Addresses)
                    .Select(IPAddress.Parse)
                    .Where(a => a.AddressFamily == family)
                    .OrderBy(a => a, AddressOrder.Instance)
                    .Select(a => a.ToString())
                    .ToList();
                sets.Add(new NftSetPlan(setName, type, elements));
                rules.Add(new NftRulePlan([new NftMatch($"{nftFamily} saddr", "==", "@" + setName)],
                    leaf.ClassId, dscps[i] is null ? null : nftFamily, dscps[i], "accept"));
            }
        }

        var ports = config.ControlPlanePorts.Distinct().Order().ToList();
        if (ports.Count > 0)
        {
            var cpIndex = ControlPlaneClassIndex(config);
            var cp = leaves[cpIndex];
            var dscp = dscps[cpIndex];
            sets.Add(new NftSetPlan(PortsSetName, "inet_service", ports.Select(p => p.ToString(CultureInfo.InvariantCulture)).ToList()));
            var directions = new[] { "dport", "sport" };
            if (dscp is null)
            {
                rules.AddRange(directions.Select(dir =>
                    new NftRulePlan([new NftMatch($"tcp {dir}", "==", "@" + PortsSetName)], cp.ClassId, null, null, "accept")));
            }
            else
            {
                // DSCP lives in different headers per family, so one rule per family and direction.
                foreach (var (_, nftFamily, _) in Families)
                {
                    var nfproto = nftFamily == "ip" ? "ipv4" : "ipv6";
                    rules.AddRange(directions.Select(dir => new NftRulePlan(
                        [new NftMatch("meta nfproto", "==", nfproto), new NftMatch($"tcp {dir}", "==", "@" + PortsSetName)],
                        cp.ClassId, nftFamily, dscp, "accept")));
                }
            }
        }

        var chain = new NftChainPlan(ChainName, "filter", "postrouting", ChainPriority, "accept", rules);
        return new NftTablePlan(NftTablePlan.TableFamily, NftTablePlan.TableName, sets, [chain]);
    }

    /// <summary>Node traffic to/from controlPlanePorts goes to the class named control-plane, else to the highest-priority class.</summary>
    public static int ControlPlaneClassIndex(QosConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var named = config.Classes.FindIndex(c => c.Name == ControlPlaneClassName);
        if (named >= 0)
        {
            return named;
        }

        var best = 0;
        for (var i = 1; i < config.Classes.Count; i++)
        {
            if (config.Classes[i].Priority < config.Classes[best].Priority)
            {
                best = i;
            }
        }

        return best;
    }

    private static readonly (AddressFamily Family, string NftFamily, string SetType)[] Families =
    [
        (AddressFamily.InterNetwork, "ip", "ipv4_addr"),
        (AddressFamily.InterNetworkV6, "ip6", "ipv6_addr"),
    ];

    /// <summary>Linux interface names: 1–15 bytes, no whitespace, '/' or ':' (dev_valid_name).</summary>
    [GeneratedRegex(@"^[^\s/:]{1,15}$", RegexOptions.CultureInvariant)]
    private static partial Regex DeviceName();

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex DnsLabel();
}
