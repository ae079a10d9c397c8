using System.Globalization;
using Netguard.Core.Cluster;
using Netguard.Core.Kube.Models;

namespace Netguard.Core.Tests.Reachability;

/// <summary>
/// Seeded random clusters for property tests and the benchmark: namespaces with and without Namespace
/// objects, pods with IPv4/IPv6/dual-stack/no addresses, some hostNetwork, named ports that differ per pod;
/// policies with every selector operator, peer shape, ipBlock with except, protocol, endPort and
/// policyTypes form. Every policy is valid (the engine reports no problems for them).
/// </summary>
public sealed class RandomCluster
{
    private static readonly string[] Apps = ["a", "b", "c", "d", "e", "f", "g", "h"];
    private static readonly string[] Tiers = ["web", "api", "db"];
    private static readonly string[] Envs = ["prod", "dev"];
    private static readonly string[] Teams = ["red", "blue"];
    private static readonly int[] HttpPorts = [80, 8080, 9090];
    private static readonly int[] ProbePorts = [80, 53, 443, 8080, 9090];
    private static readonly string[] PortNamesUsed = ["http", "dns", "metrics"];
    private static readonly string[] V4Blocks = ["10.0.0.0/16", "10.0.0.0/8", "0.0.0.0/0", "10.0.1.0/24", "10.0.0.0/23", "192.168.0.0/24"];
    private static readonly string[] V6Blocks = ["fd00::/64", "::/0", "fd00::/112", "fd00::100/120"];

    private readonly Random _random;
    private readonly int _namespaceCount;

    private RandomCluster(int seed, int namespaceCount)
    {
        _random = new Random(seed);
        _namespaceCount = namespaceCount;
    }

    public static ClusterSnapshot Generate(int seed, int pods, int policies, int namespaces)
    {
        var generator = new RandomCluster(seed, Math.Max(1, namespaces));
        var nsObjects = generator.Namespaces();
        var podList = Enumerable.Range(0, pods).Select(generator.Pod).ToList();
        var policyList = Enumerable.Range(0, policies).Select(generator.Policy).ToList();
        return ClusterSnapshot.Create(namespaces: nsObjects, pods: podList, networkPolicies: policyList);
    }

    /// <summary>Generate plus one more random policy (for "adding a policy" properties).</summary>
    public static NetworkPolicy ExtraPolicy(int seed, int namespaces) =>
        new RandomCluster(seed ^ 0x5bd1e995, Math.Max(1, namespaces)).Policy(100_000);

    private static string Ns(int i) => "ns" + i.ToString(CultureInfo.InvariantCulture);

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    private bool Chance(double p) => _random.NextDouble() < p;

    private List<Namespace> Namespaces()
    {
        // The last namespace has no Namespace object: it is known only through its pods and policies.
        var result = new List<Namespace>();
        for (var i = 0; i < _namespaceCount - (_namespaceCount > 1 ? 1 : 0); i++)
        {
            var labels = new Dictionary<string, string>(StringComparer.Ordinal);
            if (Chance(0.7))
            {
                labels["team"] = Pick(Teams);
            }

            if (Chance(0.7))
            {
                labels["env"] = Pick(Envs);
            }

            result.Add(new Namespace { Metadata = new() { Name = Ns(i), Labels = labels } });
        }

        return result;
    }

    private Pod Pod(int i)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal) { ["app"] = Pick(Apps) };
        if (Chance(0.6))
        {
            labels["tier"] = Pick(Tiers);
        }

        if (Chance(0.5))
        {
            labels["env"] = Pick(Envs);
        }

        var node = _random.Next(4);
        var nodeIp = $"192.168.0.{node + 1}";
        var hostNetwork = Chance(0.04);
        var v4 = $"10.0.{i / 250}.{(i % 250) + 1}";
        var v6 = $"fd00::{i:x}";
        List<string> ips = hostNetwork ? [nodeIp] : _random.Next(10) switch
        {
            < 6 => [v4],
            6 => [v4, v6],
            7 => [v6, v4],
            8 => [v6],
            _ => [],
        };

        var ports = new List<ContainerPort>();
        if (Chance(0.7))
        {
            ports.Add(new() { Name = "http", Port = Pick(HttpPorts) });
        }

        if (Chance(0.3))
        {
            ports.Add(new() { Name = "dns", Port = 53, Protocol = Chance(0.8) ? "UDP" : "TCP" });
        }

        if (Chance(0.3))
        {
            ports.Add(new() { Name = "metrics", Port = 9090, Protocol = Chance(0.2) ? "SCTP" : null });
        }

        return new Pod
        {
            Metadata = new() { Namespace = Ns(_random.Next(_namespaceCount)), Name = "p" + i.ToString(CultureInfo.InvariantCulture), Labels = labels },
            Spec = new() { NodeName = "n" + node.ToString(CultureInfo.InvariantCulture), HostNetwork = hostNetwork ? true : null, Containers = [new() { Name = "c", Ports = ports }] },
            Status = new() { PodIP = ips.FirstOrDefault(), PodIPs = ips.Select(ip => new PodIP { Ip = ip }).ToList(), HostIP = nodeIp },
        };
    }

    private NetworkPolicy Policy(int i)
    {
        var spec = new NetworkPolicySpec { PodSelector = Selector(podLabels: true, allowEmpty: 0.25) };
        var typeForm = _random.Next(4);
        spec.PolicyTypes = typeForm switch
        {
            0 => null,
            1 => ["Ingress"],
            2 => ["Egress"],
            _ => ["Ingress", "Egress"],
        };

        // Sections may be present even when policyTypes leaves them out (stray sections are ignored).
        if (Chance(0.75))
        {
            spec.Ingress = Enumerable.Range(0, _random.Next(4)).Select(_ => new NetworkPolicyIngressRule { From = Peers(), Ports = Ports() }).ToList();
        }

        if (Chance(0.6))
        {
            spec.Egress = Enumerable.Range(0, _random.Next(4)).Select(_ => new NetworkPolicyEgressRule { To = Peers(), Ports = Ports() }).ToList();
        }

        return new NetworkPolicy
        {
            Metadata = new() { Namespace = Ns(_random.Next(_namespaceCount)), Name = "np" + i.ToString(CultureInfo.InvariantCulture) },
            Spec = spec,
        };
    }

    private LabelSelector Selector(bool podLabels, double allowEmpty)
    {
        if (Chance(allowEmpty))
        {
            return new LabelSelector();
        }

        var selector = new LabelSelector();
        var (key, values) = podLabels
            ? _random.Next(3) switch { 0 => ("app", Apps), 1 => ("tier", Tiers), _ => ("env", Envs) }
            : _random.Next(3) switch { 0 => ("team", Teams), 1 => ("env", Envs), _ => ("kubernetes.io/metadata.name", Enumerable.Range(0, _namespaceCount).Select(Ns).ToArray()) };
        if (Chance(0.5))
        {
            selector.MatchLabels = new(StringComparer.Ordinal) { [key] = Pick(values) };
        }
        else
        {
            var op = Pick<string>(["In", "NotIn", "Exists", "DoesNotExist"]);
            selector.MatchExpressions =
            [
                new()
                {
                    Key = key,
                    Operator = op,
                    Values = op is "In" or "NotIn" ? values.Where(_ => Chance(0.5)).DefaultIfEmpty(values[0]).ToList() : null,
                },
            ];
        }

        return selector;
    }

    private List<NetworkPolicyPeer>? Peers()
    {
        if (Chance(0.2))
        {
            return Chance(0.5) ? null : [];
        }

        return Enumerable.Range(0, 1 + _random.Next(3)).Select(_ => _random.Next(4) switch
        {
            0 => new NetworkPolicyPeer { PodSelector = Selector(podLabels: true, allowEmpty: 0.2) },
            1 => new NetworkPolicyPeer { NamespaceSelector = Selector(podLabels: false, allowEmpty: 0.2) },
            2 => new NetworkPolicyPeer { NamespaceSelector = Selector(podLabels: false, allowEmpty: 0.3), PodSelector = Selector(podLabels: true, allowEmpty: 0.2) },
            _ => new NetworkPolicyPeer { IpBlock = IpBlock() },
        }).ToList();
    }

    private IPBlock IpBlock()
    {
        if (Chance(0.3))
        {
            var v6 = Pick(V6Blocks);
            return new IPBlock { Cidr = v6, Except = v6 == "fd00::/64" && Chance(0.5) ? ["fd00::/120"] : null };
        }

        var cidr = Pick(V4Blocks);
        var except = cidr switch
        {
            "10.0.0.0/16" when Chance(0.5) => new List<string> { "10.0.0.0/25" },
            "10.0.0.0/8" when Chance(0.5) => ["10.0.1.0/24", "10.0.0.128/25"],
            "0.0.0.0/0" when Chance(0.7) => ["10.0.0.0/16"],
            _ => null,
        };
        return new IPBlock { Cidr = cidr, Except = except };
    }

    private List<NetworkPolicyPort>? Ports()
    {
        if (Chance(0.3))
        {
            return null;
        }

        return Enumerable.Range(0, 1 + _random.Next(2)).Select(_ =>
        {
            string? protocol = _random.Next(5) switch { 0 => "UDP", 1 => "SCTP", 2 => "TCP", _ => null };
            return _random.Next(5) switch
            {
                0 => new NetworkPolicyPort { Protocol = protocol, Port = IntOrString.FromString(Pick(PortNamesUsed)) },
                1 => new NetworkPolicyPort { Protocol = protocol, Port = 8000, EndPort = 9100 },
                2 => new NetworkPolicyPort { Protocol = protocol },
                _ => new NetworkPolicyPort { Protocol = protocol, Port = Pick(ProbePorts) },
            };
        }).ToList();
    }
}
