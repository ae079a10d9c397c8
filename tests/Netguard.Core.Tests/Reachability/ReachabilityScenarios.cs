namespace Netguard.Core.Tests.Reachability;

/// <summary>
/// Scenarios for every rule of SPEC §8. Each probe line is "FROM -> TO PORT VERDICT"; the verdicts were
/// worked out by hand from the Kubernetes NetworkPolicy documentation
/// (https://kubernetes.io/docs/concepts/services-networking/network-policies/), not by running the engine.
/// </summary>
internal static class ReachabilityScenarios
{
    /// <summary>
    /// x {ns=x, env=prod} and y {ns=y, env=dev} are Namespace objects; z exists only through its pods, so its
    /// only label is kubernetes.io/metadata.name=z.
    /// </summary>
    public static ClusterFixture Base() => new ClusterFixture()
        .Namespace("x", "ns=x", "env=prod")
        .Namespace("y", "ns=y", "env=dev")
        .Pod("x/a", "app=a,env=prod", "10.0.1.1", "http:8080,dns:53/UDP")
        .Pod("x/b", "app=b,env=dev", "10.0.1.2", "http:9090")
        .Pod("x/c", "app=c", "10.0.2.7", "80")
        .Pod("y/a", "app=a", "10.0.2.5")
        .Pod("y/b", "app=b", "10.0.3.5")
        .Pod("z/a", "app=a", "10.0.4.1")
        .Pod("z/b", "app=b", "10.0.4.2");

    public static readonly IReadOnlyDictionary<string, (Func<ClusterFixture> Cluster, string[] Probes)> All =
        new Dictionary<string, (Func<ClusterFixture>, string[])>
        {
            ["no-policies"] = (Base, [
                "x/a -> y/b 80 ALLOW",
                "y/a -> x/a 53/UDP ALLOW",
                "z/b -> x/c 5000/SCTP ALLOW",
            ]),

            // A policy selecting every pod for Ingress with no ingress rules isolates the whole namespace.
            ["default-deny-ingress"] = (() => Base().Policies("""
                metadata: {namespace: x, name: default-deny}
                spec: {podSelector: {}, policyTypes: [Ingress]}
                """), [
                "y/a -> x/a 80 DENY",
                "x/b -> x/a 80 DENY",     // same namespace is no exception
                "x/a -> y/a 80 ALLOW",    // egress is not isolated, y is not isolated
                "x/a -> x/a 80 ALLOW",    // a pod cannot block access to itself
                "192.168.1.1 -> x/a 80 DENY",
            ]),

            ["default-deny-egress"] = (() => Base().Policies("""
                metadata: {namespace: x, name: default-deny-egress}
                spec: {podSelector: {}, policyTypes: [Egress]}
                """), [
                "x/a -> y/a 80 DENY",
                "x/a -> x/b 80 DENY",
                "x/a -> 8.8.8.8 53/UDP DENY",
                "y/a -> x/a 80 ALLOW",    // ingress of x is not isolated
            ]),

            // namespaceSelector and podSelector in ONE peer: both must match.
            ["peer-and"] = (() => Base().Policies("""
                metadata: {namespace: x, name: and}
                spec:
                  podSelector: {matchLabels: {app: a}}
                  ingress:
                  - from:
                    - namespaceSelector: {matchLabels: {ns: y}}
                      podSelector: {matchLabels: {app: b}}
                """), [
                "y/b -> x/a 80 ALLOW",
                "y/a -> x/a 80 DENY",     // right namespace, wrong pod
                "x/b -> x/a 80 DENY",     // right pod labels, wrong namespace
                "z/b -> x/a 80 DENY",
                "y/a -> x/b 80 ALLOW",    // x/b is not selected
            ]),

            // Two peers in the list: either may match; a podSelector alone means the policy's namespace.
            ["peer-or"] = (() => Base().Policies("""
                metadata: {namespace: x, name: or}
                spec:
                  podSelector: {matchLabels: {app: a}}
                  ingress:
                  - from:
                    - namespaceSelector: {matchLabels: {ns: y}}
                    - podSelector: {matchLabels: {app: b}}
                """), [
                "y/a -> x/a 80 ALLOW",
                "y/b -> x/a 80 ALLOW",
                "x/b -> x/a 80 ALLOW",
                "x/c -> x/a 80 DENY",
                "z/b -> x/a 80 DENY",     // app=b but not in x: podSelector alone is own-namespace only
            ]),

            // A namespaceSelector also matches the policy's own namespace when its labels fit;
            // every namespace carries kubernetes.io/metadata.name, even one known only from its pods.
            ["own-namespace"] = (() => Base().Policies("""
                metadata: {namespace: x, name: from-prod}
                spec:
                  podSelector: {matchLabels: {app: a}}
                  ingress:
                  - from: [{namespaceSelector: {matchLabels: {env: prod}}}]
                ---
                metadata: {namespace: y, name: from-z-by-name}
                spec:
                  podSelector: {}
                  ingress:
                  - from: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: z}}}]
                """), [
                "x/b -> x/a 80 ALLOW",    // x itself is env=prod
                "y/a -> x/a 80 DENY",     // y is env=dev
                "z/a -> x/a 80 DENY",
                "z/a -> y/a 80 ALLOW",    // z has no Namespace object but has its name label
                "x/a -> y/a 80 DENY",
            ]),

            // An address in an except block is not matched by that ipBlock, but another peer may allow it.
            ["ipblock-except"] = (() => Base().Policies("""
                metadata: {namespace: x, name: cidr-and-pod}
                spec:
                  podSelector: {matchLabels: {app: a}}
                  ingress:
                  - from:
                    - ipBlock: {cidr: 10.0.0.0/16, except: [10.0.2.0/24]}
                    - podSelector: {matchLabels: {app: c}}
                ---
                metadata: {namespace: x, name: cidr-and-cidr}
                spec:
                  podSelector: {matchLabels: {app: b}}
                  ingress:
                  - from:
                    - ipBlock: {cidr: 10.0.0.0/16, except: [10.0.2.0/24]}
                    - ipBlock: {cidr: 10.0.2.0/28}
                """), [
                "y/a -> x/a 80 DENY",         // 10.0.2.5 is excepted and y/a is no app=c pod of x
                "x/c -> x/a 80 ALLOW",        // 10.0.2.7 is excepted, but the podSelector peer matches
                "y/b -> x/a 80 ALLOW",        // 10.0.3.5 is inside the block
                "10.0.2.9 -> x/a 80 DENY",
                "10.0.9.9 -> x/a 80 ALLOW",
                "192.168.1.1 -> x/a 80 DENY",
                "10.0.2.5 -> x/b 80 ALLOW",   // y/a's address: excepted by one block, inside the other
                "10.0.2.20 -> x/b 80 DENY",
            ]),

            // A named port resolves on each destination pod: x/a's http is 8080, x/b's is 9090.
            ["named-ports"] = (() => Base().Policies("""
                metadata: {namespace: x, name: allow-http}
                spec:
                  podSelector: {}
                  ingress:
                  - ports: [{port: http}]
                ---
                metadata: {namespace: y, name: egress-http}
                spec:
                  podSelector: {matchLabels: {app: a}}
                  policyTypes: [Egress]
                  egress:
                  - to: [{namespaceSelector: {matchLabels: {ns: x}}}]
                    ports: [{port: http}]
                """), [
                "y/b -> x/a 8080 ALLOW",
                "y/b -> x/a 9090 DENY",
                "y/b -> x/b 9090 ALLOW",
                "y/b -> x/b 8080 DENY",
                "y/b -> x/c 80 DENY",         // x/c has no port named http
                "y/b -> x/a http ALLOW",      // the probe's own port name resolves on x/a (8080)
                "y/a -> x/a 8080 ALLOW",      // egress rule's named port also resolves on the destination
                "y/a -> x/a 9090 DENY",
                "y/a -> x/b 9090 ALLOW",
                "y/a -> x/b 8080 DENY",
                "y/a -> z/a 8080 DENY",       // z is not ns=x
            ]),

            // Named ports match by name AND protocol; a policy port without protocol is TCP.
            ["named-port-protocol"] = (() => Base().Policies("""
                metadata: {namespace: x, name: dns-tcp}
                spec:
                  podSelector: {matchLabels: {app: a}}
                  ingress:
                  - ports: [{port: dns}]
                ---
                metadata: {namespace: x, name: dns-udp}
                spec:
                  podSelector: {matchLabels: {app: b}}
                  ingress:
                  - ports: [{port: dns, protocol: UDP}]
                """), [
                "y/a -> x/a 53/UDP DENY",     // the rule means dns/TCP; x/a's dns is UDP
                "y/a -> x/a 53/TCP DENY",
                "y/a -> x/b 53/UDP DENY",     // x/b has no dns port at all
            ]),

            ["named-port-udp"] = (() => Base().Policies("""
                metadata: {namespace: x, name: dns-udp}
                spec:
                  podSelector: {matchLabels: {app: a}}
                  ingress:
                  - ports: [{port: dns, protocol: UDP}]
                """), [
                "y/a -> x/a 53/UDP ALLOW",
                "y/a -> x/a 53/TCP DENY",
                "y/a -> x/a dns ALLOW",
            ]),

            // endPort is inclusive and applies to the protocol of its entry.
            ["endport"] = (() => Base().Policies("""
                metadata: {namespace: x, name: range}
                spec:
                  podSelector: {matchLabels: {app: a}}
                  ingress:
                  - ports: [{port: 32000, endPort: 32768}]
                """), [
                "y/a -> x/a 31999 DENY",
                "y/a -> x/a 32000 ALLOW",
                "y/a -> x/a 32768 ALLOW",
                "y/a -> x/a 32769 DENY",
                "y/a -> x/a 32000/UDP DENY",
            ]),

            // policyTypes [Egress]: the ingress section is ignored and does not isolate ingress.
            ["egress-only-types-ignore-ingress"] = (() => Base().Policies("""
                metadata: {namespace: x, name: egress-only}
                spec:
                  podSelector: {matchLabels: {app: a}}
                  policyTypes: [Egress]
                  egress:
                  - to: [{podSelector: {matchLabels: {app: b}}}]
                  ingress:
                  - from: [{podSelector: {matchLabels: {app: c}}}]
                """), [
                "y/a -> x/a 80 ALLOW",
                "x/c -> x/a 80 ALLOW",
                "x/a -> x/b 80 ALLOW",
                "x/a -> x/c 80 DENY",
                "x/a -> y/b 80 DENY",
            ]),

            // No policyTypes: Ingress is always implied, so egress rules alone isolate ingress too;
            // ingress rules alone do not isolate egress.
            ["absent-types"] = (() => Base().Policies("""
                metadata: {namespace: x, name: egress-rules-only}
                spec:
                  podSelector: {matchLabels: {app: a}}
                  egress:
                  - to: [{podSelector: {matchLabels: {app: b}}}]
                ---
                metadata: {namespace: x, name: ingress-rules-only}
                spec:
                  podSelector: {matchLabels: {app: c}}
                  ingress:
                  - from: [{podSelector: {matchLabels: {app: b}}}]
                """), [
                "y/a -> x/a 80 DENY",
                "x/b -> x/a 80 DENY",
                "x/a -> x/b 80 ALLOW",
                "x/a -> x/c 80 DENY",
                "x/c -> y/a 80 ALLOW",
                "x/b -> x/c 80 ALLOW",
                "y/b -> x/c 80 DENY",
            ]),

            ["protocols"] = (() => Base().Policies("""
                metadata: {namespace: x, name: udp-sctp}
                spec:
                  podSelector: {matchLabels: {app: a}}
                  ingress:
                  - ports: [{protocol: UDP, port: 53}, {protocol: SCTP, port: 5000}]
                ---
                metadata: {namespace: x, name: all-udp}
                spec:
                  podSelector: {matchLabels: {app: b}}
                  ingress:
                  - ports: [{protocol: UDP}]
                ---
                metadata: {namespace: x, name: default-tcp}
                spec:
                  podSelector: {matchLabels: {app: c}}
                  ingress:
                  - ports: [{port: 80}]
                """), [
                "y/a -> x/a 53/UDP ALLOW",
                "y/a -> x/a 53/TCP DENY",
                "y/a -> x/a 53/SCTP DENY",
                "y/a -> x/a 5000/SCTP ALLOW",
                "y/a -> x/a 5000/TCP DENY",
                "y/a -> x/a 5000/UDP DENY",
                "y/a -> x/b 9999/UDP ALLOW",
                "y/a -> x/b 9999/TCP DENY",
                "y/a -> x/c 80/TCP ALLOW",
                "y/a -> x/c 80/UDP DENY",
            ]),

            // A connection needs the source's egress AND the destination's ingress.
            ["both-sides"] = (() => Base().Policies("""
                metadata: {namespace: x, name: egress-to-y-a}
                spec:
                  podSelector: {}
                  policyTypes: [Egress]
                  egress:
                  - to: [{namespaceSelector: {matchLabels: {ns: y}}, podSelector: {matchLabels: {app: a}}}]
                ---
                metadata: {namespace: y, name: ingress-from-x-b}
                spec:
                  podSelector: {matchLabels: {app: a}}
                  ingress:
                  - from: [{namespaceSelector: {matchLabels: {ns: x}}, podSelector: {matchLabels: {app: b}}}]
                """), [
                "x/a -> y/a 80 DENY",     // egress allows, ingress does not
                "x/b -> y/a 80 ALLOW",
                "x/b -> y/b 80 DENY",     // ingress of y/b is open, egress does not allow it
                "z/b -> y/a 80 DENY",
                "y/b -> y/a 80 DENY",
                "z/a -> y/b 80 ALLOW",
            ]),

            // NotIn and DoesNotExist match objects that lack the key.
            ["notin-missing-key"] = (() => Base().Policies("""
                metadata: {namespace: x, name: not-dev}
                spec:
                  podSelector: {matchLabels: {app: a}}
                  ingress:
                  - from: [{podSelector: {matchExpressions: [{key: env, operator: NotIn, values: [dev]}]}}]
                ---
                metadata: {namespace: y, name: from-unlabelled-namespaces}
                spec:
                  podSelector: {}
                  ingress:
                  - from: [{namespaceSelector: {matchExpressions: [{key: env, operator: DoesNotExist}]}}]
                """), [
                "x/b -> x/a 80 DENY",     // env=dev
                "x/c -> x/a 80 ALLOW",    // no env label at all
                "y/a -> x/a 80 DENY",
                "z/a -> y/a 80 ALLOW",    // z has no env label
                "x/a -> y/a 80 DENY",     // x is env=prod
                "y/b -> y/a 80 DENY",     // y is env=dev
            ]),

            // Dual-stack x/d talks IPv6 to the IPv6-only y/v6 and IPv4 to dual-stack y/ds (the source's
            // primary family); ipBlocks see the address of the family in use.
            ["ipv6"] = (() => Base()
                .Pod("x/d", "app=d", "10.0.5.1,fd00::5:1")
                .Pod("y/v6", "app=v6", "fd00::2:1")
                .Pod("y/ds", "app=ds", "10.0.6.1,fd00::3:1")
                .Policies("""
                metadata: {namespace: x, name: v6-in}
                spec:
                  podSelector: {matchLabels: {app: d}}
                  ingress:
                  - from: [{ipBlock: {cidr: "fd00::2:0/112"}}]
                ---
                metadata: {namespace: x, name: v6-out}
                spec:
                  podSelector: {matchLabels: {app: d}}
                  policyTypes: [Egress]
                  egress:
                  - to: [{ipBlock: {cidr: "2001:db8::/32", except: ["2001:db8:1::/48"]}}]
                """), [
                "y/v6 -> x/d 80 ALLOW",
                "y/ds -> x/d 80 DENY",            // over IPv4, 10.0.6.1 is not in the IPv6 block
                "fd00::2:5 -> x/d 80 ALLOW",
                "fd00::3:5 -> x/d 80 DENY",
                "x/d -> 2001:db8:2::1 80 ALLOW",
                "x/d -> 2001:db8:1::1 80 DENY",
                "x/d -> 10.1.1.1 80 DENY",
                "x/d -> y/v6 80 DENY",
            ]),

            // hostNetwork pods are outside NetworkPolicy (the common implementation): never isolated, never
            // matched by pod/namespace selectors, seen as their node's IP; traffic between a pod and its own
            // node is always allowed.
            ["host-network"] = (() => new ClusterFixture()
                .Namespace("x")
                .Pod("x/a", "app=a", "10.0.1.1", node: "n1", hostIp: "192.168.0.10")
                .Pod("x/b", "app=b", "10.0.1.2", node: "n2", hostIp: "192.168.0.11")
                .Pod("x/c", "app=c", "10.0.1.3", node: "n2", hostIp: "192.168.0.11")
                .Pod("x/h", "app=h", "192.168.0.11", hostNetwork: true, node: "n2", hostIp: "192.168.0.11")
                .Pod("kube-system/h1", "app=h1", "192.168.0.10", hostNetwork: true, node: "n1", hostIp: "192.168.0.10")
                .Pod("y/a", "app=a", "10.0.2.1", node: "n1", hostIp: "192.168.0.10")
                .Policies("""
                metadata: {namespace: x, name: deny-ingress}
                spec: {podSelector: {}, policyTypes: [Ingress]}
                ---
                metadata: {namespace: x, name: allow-from-x}
                spec:
                  podSelector: {matchLabels: {app: a}}
                  ingress: [{from: [{podSelector: {}}]}]
                ---
                metadata: {namespace: x, name: allow-nodes}
                spec:
                  podSelector: {matchLabels: {app: c}}
                  ingress: [{from: [{ipBlock: {cidr: 192.168.0.0/24}}]}]
                ---
                metadata: {namespace: x, name: deny-egress-a}
                spec: {podSelector: {matchLabels: {app: a}}, policyTypes: [Egress]}
                """), [
                "kube-system/h1 -> x/a 80 ALLOW",     // from x/a's own node
                "x/a -> kube-system/h1 80 ALLOW",     // to x/a's own node
                "x/a -> y/a 80 DENY",
                "kube-system/h1 -> x/b 80 DENY",      // another node, no rule
                "x/h -> x/a 80 DENY",                 // podSelector {} does not match a hostNetwork pod
                "x/b -> x/a 80 ALLOW",
                "kube-system/h1 -> x/c 80 ALLOW",     // ipBlock sees the node address
                "y/a -> x/h 80 ALLOW",                // a hostNetwork pod is not isolated by policies selecting it
                "192.168.0.11 -> x/b 80 ALLOW",       // x/b's own node address
            ]),

            ["union"] = (() => Base().Policies("""
                metadata: {namespace: x, name: allow-b}
                spec:
                  podSelector: {matchLabels: {app: a}}
                  ingress: [{from: [{podSelector: {matchLabels: {app: b}}}]}]
                ---
                metadata: {namespace: x, name: allow-c}
                spec:
                  podSelector: {matchLabels: {app: a}}
                  ingress: [{from: [{podSelector: {matchLabels: {app: c}}}]}]
                """), [
                "x/b -> x/a 80 ALLOW",
                "x/c -> x/a 80 ALLOW",
                "y/a -> x/a 80 DENY",
            ]),

            ["empty-rules"] = (() => Base().Policies("""
                metadata: {namespace: x, name: allow-all-in}
                spec:
                  podSelector: {matchLabels: {app: a}}
                  ingress: [{}]
                ---
                metadata: {namespace: x, name: allow-all-out}
                spec:
                  podSelector: {matchLabels: {app: b}}
                  policyTypes: [Egress]
                  egress: [{}]
                ---
                metadata: {namespace: x, name: deny-all-in}
                spec:
                  podSelector: {matchLabels: {app: c}}
                  policyTypes: [Ingress]
                  ingress: []
                """), [
                "y/a -> x/a 80 ALLOW",
                "192.168.1.1 -> x/a 80 ALLOW",
                "x/b -> 8.8.8.8 53/UDP ALLOW",
                "y/a -> x/c 80 DENY",
            ]),
        };

    public static TheoryData<string, string> Probes()
    {
        var data = new TheoryData<string, string>();
        foreach (var (name, (_, probes)) in All)
        {
            foreach (var probe in probes)
            {
                data.Add(name, probe);
            }
        }

        return data;
    }
}
