using System.Net;
using Netguard.Core.Cluster;
using Netguard.Core.Kube.Models;
using Netguard.Core.Selectors;

namespace Netguard.Core.Tests.Reachability;

/// <summary>
/// A deliberately naive reference evaluator of NetworkPolicy semantics (SPEC §8 and the documented choices
/// of docs/reachability.md): every pair is judged by scanning every policy and testing every selector
/// directly on the models. It shares no code with the engine beyond LabelSelectorMatcher, so the indexed
/// engine can be checked against it (tests) and timed against it (bench/reachability).
/// </summary>
public static class NaiveReachability
{
    /// <summary>Row-major verdicts over snapshot.Pods; a destination without the (named) port gets false.</summary>
    public static bool[] Matrix(IClusterSnapshot snapshot, int? port, string? portName, string? protocol)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var pods = snapshot.Pods.ToList();
        var result = new bool[pods.Count * pods.Count];
        for (var i = 0; i < pods.Count; i++)
        {
            for (var j = 0; j < pods.Count; j++)
            {
                result[(i * pods.Count) + j] = Allowed(snapshot, pods[i], pods[j], port, portName, protocol);
            }
        }

        return result;
    }

    public static bool Allowed(IClusterSnapshot snapshot, Pod from, Pod to, int? port, string? portName, string? protocol)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        int number;
        string proto;
        if (port is { } p)
        {
            number = p;
            proto = protocol ?? "TCP";
        }
        else
        {
            var named = Ports(to).FirstOrDefault(cp => cp.Name == portName && (protocol is null || (cp.Protocol ?? "TCP") == protocol));
            if (named is null)
            {
                return false;
            }

            number = named.Port;
            proto = named.Protocol ?? "TCP";
        }

        if (ReferenceEquals(from, to))
        {
            return true;
        }

        // The pair talks over the source's first address family that the destination also has.
        IPAddress? fromIp = null, toIp = null;
        foreach (var a in Ips(from))
        {
            var b = Ips(to).FirstOrDefault(x => x.AddressFamily == a.AddressFamily);
            if (b is not null)
            {
                (fromIp, toIp) = (a, b);
                break;
            }
        }

        return SideAllows(snapshot, from, "Egress", to, toIp, number, proto, to)
            && SideAllows(snapshot, to, "Ingress", from, fromIp, number, proto, to);
    }

    private static bool SideAllows(IClusterSnapshot snapshot, Pod pod, string type, Pod peer, IPAddress? peerIp, int number, string proto, Pod destination)
    {
        if (pod.Spec?.HostNetwork == true)
        {
            return true;
        }

        var ns = pod.Metadata.Namespace ?? "default";
        var isolated = false;
        var allowed = false;
        foreach (var policy in snapshot.NetworkPolicies)
        {
            if ((policy.Metadata.Namespace ?? "default") != ns
                || !LabelSelectorMatcher.Matches(policy.Spec.PodSelector ?? new LabelSelector(), pod.Metadata.Labels))
            {
                continue;
            }

            var types = policy.Spec.PolicyTypes is { Count: > 0 } t
                ? t
                : policy.Spec.Egress is { Count: > 0 } ? ["Ingress", "Egress"] : ["Ingress"];
            if (!types.Contains(type))
            {
                continue;
            }

            isolated = true;
            var rules = type == "Ingress"
                ? (policy.Spec.Ingress ?? []).Select(r => (Peers: r.From, r.Ports))
                : (policy.Spec.Egress ?? []).Select(r => (Peers: r.To, r.Ports));
            foreach (var (peers, ports) in rules)
            {
                if (PortMatches(ports, number, proto, destination) && PeerMatches(snapshot, ns, peers, peer, peerIp))
                {
                    allowed = true;
                }
            }
        }

        if (!isolated || allowed)
        {
            return true;
        }

        // Traffic between a pod and its own node (its hostNetwork pods) is always allowed.
        return peer.Spec?.HostNetwork == true && pod.Spec?.NodeName is { } node && node == peer.Spec.NodeName;
    }

    private static bool PortMatches(List<NetworkPolicyPort>? ports, int number, string proto, Pod destination)
    {
        if (ports is null || ports.Count == 0)
        {
            return true;
        }

        foreach (var p in ports)
        {
            if ((p.Protocol ?? "TCP") != proto)
            {
                continue;
            }

            if (p.Port is null)
            {
                return true;
            }

            if (p.Port.IntValue is { } start && number >= start && number <= (p.EndPort ?? start))
            {
                return true;
            }

            if (p.Port.StringValue is { } name
                && Ports(destination).Any(cp => cp.Name == name && (cp.Protocol ?? "TCP") == proto && cp.Port == number))
            {
                return true;
            }
        }

        return false;
    }

    private static bool PeerMatches(IClusterSnapshot snapshot, string policyNamespace, List<NetworkPolicyPeer>? peers, Pod peer, IPAddress? peerIp)
    {
        if (peers is null || peers.Count == 0)
        {
            return true;
        }

        var peerNs = peer.Metadata.Namespace ?? "default";
        var selectable = peer.Spec?.HostNetwork != true;
        foreach (var p in peers)
        {
            if (p.IpBlock is { } block)
            {
                if (peerIp is not null && IPNetwork.Parse(block.Cidr).Contains(peerIp)
                    && !(block.Except ?? []).Any(e => IPNetwork.Parse(e).Contains(peerIp)))
                {
                    return true;
                }

                continue;
            }

            if (!selectable)
            {
                continue;
            }

            var nsOk = p.NamespaceSelector is { } nsSel
                ? LabelSelectorMatcher.Matches(nsSel, NamespaceLabels(snapshot, peerNs))
                : peerNs == policyNamespace;
            var podOk = p.PodSelector is not { } podSel || LabelSelectorMatcher.Matches(podSel, peer.Metadata.Labels);
            if (nsOk && podOk)
            {
                return true;
            }
        }

        return false;
    }

    private static Dictionary<string, string> NamespaceLabels(IClusterSnapshot snapshot, string ns)
    {
        var labels = new Dictionary<string, string>(snapshot.FindNamespace(ns)?.Metadata.Labels ?? [], StringComparer.Ordinal)
        {
            ["kubernetes.io/metadata.name"] = ns,
        };
        return labels;
    }

    private static IEnumerable<ContainerPort> Ports(Pod pod) =>
        (pod.Spec?.Containers ?? []).Concat(pod.Spec?.InitContainers ?? []).SelectMany(c => c.Ports ?? []);

    private static List<IPAddress> Ips(Pod pod) =>
        (pod.Status?.PodIPs ?? []).Select(p => p.Ip).Prepend(pod.Status?.PodIP)
            .Where(s => s is not null).Select(s => IPAddress.Parse(s!)).Distinct().ToList();
}
