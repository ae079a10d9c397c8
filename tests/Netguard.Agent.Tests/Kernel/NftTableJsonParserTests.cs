using Netguard.Agent.Kernel;
using Netguard.Core.Config;
using Netguard.Core.Qos;
using Netguard.Core.Rules.Qos;

namespace Netguard.Agent.Tests.Kernel;

/// <summary>`nft -j list table inet netguard` as nftables 1.0.6 printed it on this machine, read back into the plan model.</summary>
public class NftTableJsonParserTests
{
    // The small plan below as `nft -j list table` prints it (nftables 1.0.6 shapes: dscp by name, elements sorted, handles).
    private const string Listed = """
        {"nftables": [{"metainfo": {"version": "1.0.6", "release_name": "Lester Gooch #5", "json_schema_version": 1}},
        {"table": {"family": "inet", "name": "netguard", "handle": 3}},
        {"set": {"family": "inet", "name": "pods_control_plane_v4", "table": "netguard", "type": "ipv4_addr", "handle": 2, "elem": ["10.244.0.3"]}},
        {"set": {"family": "inet", "name": "pods_control_plane_v6", "table": "netguard", "type": "ipv6_addr", "handle": 3}},
        {"set": {"family": "inet", "name": "pods_standard_v4", "table": "netguard", "type": "ipv4_addr", "handle": 4, "elem": ["10.244.0.12"]}},
        {"set": {"family": "inet", "name": "pods_standard_v6", "table": "netguard", "type": "ipv6_addr", "handle": 5, "elem": ["fd00::c"]}},
        {"set": {"family": "inet", "name": "control_plane_ports", "table": "netguard", "type": "inet_service", "handle": 6, "elem": [2379, 6443]}},
        {"chain": {"family": "inet", "table": "netguard", "name": "postrouting", "handle": 1, "type": "filter", "hook": "postrouting", "prio": -150, "policy": "accept"}},
        {"rule": {"family": "inet", "table": "netguard", "chain": "postrouting", "handle": 7, "expr": [{"match": {"op": "!=", "left": {"meta": {"key": "oifname"}}, "right": "eth0"}}, {"accept": null}]}},
        {"rule": {"family": "inet", "table": "netguard", "chain": "postrouting", "handle": 8, "expr": [{"match": {"op": "==", "left": {"payload": {"protocol": "ip", "field": "saddr"}}, "right": "@pods_control_plane_v4"}}, {"mangle": {"key": {"meta": {"key": "priority"}}, "value": "6e67:10"}}, {"mangle": {"key": {"payload": {"protocol": "ip", "field": "dscp"}}, "value": "cs6"}}, {"accept": null}]}},
        {"rule": {"family": "inet", "table": "netguard", "chain": "postrouting", "handle": 9, "expr": [{"match": {"op": "==", "left": {"payload": {"protocol": "ip6", "field": "saddr"}}, "right": "@pods_control_plane_v6"}}, {"mangle": {"key": {"meta": {"key": "priority"}}, "value": "6e67:10"}}, {"mangle": {"key": {"payload": {"protocol": "ip6", "field": "dscp"}}, "value": "cs6"}}, {"accept": null}]}},
        {"rule": {"family": "inet", "table": "netguard", "chain": "postrouting", "handle": 10, "expr": [{"match": {"op": "==", "left": {"payload": {"protocol": "ip", "field": "saddr"}}, "right": "@pods_standard_v4"}}, {"mangle": {"key": {"meta": {"key": "priority"}}, "value": "6e67:20"}}, {"accept": null}]}},
        {"rule": {"family": "inet", "table": "netguard", "chain": "postrouting", "handle": 11, "expr": [{"match": {"op": "==", "left": {"payload": {"protocol": "ip6", "field": "saddr"}}, "right": "@pods_standard_v6"}}, {"mangle": {"key": {"meta": {"key": "priority"}}, "value": "6e67:20"}}, {"accept": null}]}},
        {"rule": {"family": "inet", "table": "netguard", "chain": "postrouting", "handle": 12, "expr": [{"match": {"op": "==", "left": {"meta": {"key": "nfproto"}}, "right": "ipv4"}}, {"match": {"op": "==", "left": {"payload": {"protocol": "tcp", "field": "dport"}}, "right": "@control_plane_ports"}}, {"mangle": {"key": {"meta": {"key": "priority"}}, "value": "6e67:10"}}, {"mangle": {"key": {"payload": {"protocol": "ip", "field": "dscp"}}, "value": "cs6"}}, {"accept": null}]}},
        {"rule": {"family": "inet", "table": "netguard", "chain": "postrouting", "handle": 13, "expr": [{"match": {"op": "==", "left": {"meta": {"key": "nfproto"}}, "right": "ipv4"}}, {"match": {"op": "==", "left": {"payload": {"protocol": "tcp", "field": "sport"}}, "right": "@control_plane_ports"}}, {"mangle": {"key": {"meta": {"key": "priority"}}, "value": "6e67:10"}}, {"mangle": {"key": {"payload": {"protocol": "ip", "field": "dscp"}}, "value": "cs6"}}, {"accept": null}]}},
        {"rule": {"family": "inet", "table": "netguard", "chain": "postrouting", "handle": 14, "expr": [{"match": {"op": "==", "left": {"meta": {"key": "nfproto"}}, "right": "ipv6"}}, {"match": {"op": "==", "left": {"payload": {"protocol": "tcp", "field": "dport"}}, "right": "@control_plane_ports"}}, {"mangle": {"key": {"meta": {"key": "priority"}}, "value": "6e67:10"}}, {"mangle": {"key": {"payload": {"protocol": "ip6", "field": "dscp"}}, "value": "cs6"}}, {"accept": null}]}},
        {"rule": {"family": "inet", "table": "netguard", "chain": "postrouting", "handle": 15, "expr": [{"match": {"op": "==", "left": {"meta": {"key": "nfproto"}}, "right": "ipv6"}}, {"match": {"op": "==", "left": {"payload": {"protocol": "tcp", "field": "sport"}}, "right": "@control_plane_ports"}}, {"mangle": {"key": {"meta": {"key": "priority"}}, "value": "6e67:10"}}, {"mangle": {"key": {"payload": {"protocol": "ip6", "field": "dscp"}}, "value": "cs6"}}, {"accept": null}]}}]}
        """;

    private static QosPlan SmallPlan() =>
        QosPlanner.Plan(new QosPlanInput(
            new QosConfig
            {
                DefaultClass = "standard",
                Classes =
                [
                    new QosClass { Name = "control-plane", Priority = 0, Rate = RateSpec.FromPercent(20), Dscp = "CS6" },
                    new QosClass { Name = "standard", Priority = 4, Rate = RateSpec.FromPercent(30), Ceil = RateSpec.FromPercent(90) },
                ],
                ControlPlanePorts = [6443, 2379],
            },
            [Pod("a", "web", null, "10.244.0.12", "fd00::c"), Pod("kube-system", "dns", "control-plane", "10.244.0.3")],
            "eth0", 200_000_000, KernelCapabilities.All));

    private static Core.Kube.Models.Pod Pod(string ns, string name, string? cls, params string[] ips) => new()
    {
        Metadata = new() { Namespace = ns, Name = name, Annotations = cls is null ? null : new() { [QosAnnotations.Class] = cls } },
        Status = new() { Phase = "Running", PodIPs = ips.Select(ip => new Core.Kube.Models.PodIP { Ip = ip }).ToList() },
    };

    [Fact]
    public void Parse_TheTableTheAgentWrote_EqualsThePlan() => NftTableJsonParser.Parse(Listed).ShouldBe(SmallPlan().Nft);

    [Fact]
    public void Parse_DscpAsNumber_StillEqual() =>
        NftTableJsonParser.Parse(Listed.Replace("\"value\": \"cs6\"", "\"value\": 48", StringComparison.Ordinal)).ShouldBe(SmallPlan().Nft);

    [Fact]
    public void Parse_ExtraElement_Differs() =>
        NftTableJsonParser.Parse(Listed.Replace("\"elem\": [\"10.244.0.3\"]", "\"elem\": [\"10.244.0.3\", \"10.244.0.4\"]", StringComparison.Ordinal))
            .ShouldNotBe(SmallPlan().Nft);

    [Fact]
    public void Parse_CounterStatement_Differs()
    {
        var withCounter = Listed.Replace("{\"accept\": null}]}}]}", "{\"counter\": {\"packets\": 0, \"bytes\": 0}}, {\"accept\": null}]}}]}", StringComparison.Ordinal);

        NftTableJsonParser.Parse(withCounter).ShouldNotBe(SmallPlan().Nft);
    }

    [Fact]
    public void Parse_OtherPriority_Differs() =>
        NftTableJsonParser.Parse(Listed.Replace("\"6e67:20\"", "\"6e67:30\"", StringComparison.Ordinal)).ShouldNotBe(SmallPlan().Nft);

    [Fact]
    public void Parse_IntervalFlagOnASet_Differs() =>
        NftTableJsonParser.Parse(Listed.Replace("\"type\": \"ipv4_addr\", \"handle\": 2,", "\"type\": \"ipv4_addr\", \"handle\": 2, \"flags\": [\"interval\"],", StringComparison.Ordinal))
            .ShouldNotBe(SmallPlan().Nft);

    [Fact]
    public void Parse_ChainAtAnotherPriority_Differs() =>
        NftTableJsonParser.Parse(Listed.Replace("\"prio\": -150", "\"prio\": 0", StringComparison.Ordinal)).ShouldNotBe(SmallPlan().Nft);

    [Fact]
    public void Parse_NoTableObject_IsNull() =>
        NftTableJsonParser.Parse("""{"nftables": [{"metainfo": {"version": "1.0.6", "json_schema_version": 1}}]}""").ShouldBeNull();
}
