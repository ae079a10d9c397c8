using System.Net;
using System.Text.Json;
using Netguard.Core.Cluster;
using Netguard.Core.Kube.Models;
using Netguard.Core.Reachability;

namespace Netguard.Core.Tests.Reachability;

/// <summary>
/// A small cluster for reachability tests: namespaces and pods from one-line descriptions, policies
/// from YAML as they appear in the Kubernetes documentation.
/// </summary>
internal sealed class ClusterFixture
{
    private readonly List<Namespace> _namespaces = [];
    private readonly List<Pod> _pods = [];
    private readonly List<NetworkPolicy> _policies = [];
    private ReachabilityEngine? _engine;

    /// <summary>A Namespace object with labels ("k=v").</summary>
    public ClusterFixture Namespace(string name, params string[] labels)
    {
        _namespaces.Add(new Namespace { Metadata = new() { Name = name, Labels = Labels(labels) } });
        _engine = null;
        return this;
    }

    /// <summary>
    /// A pod "ns/name" with labels "k=v,k2=v2", IPs "10.0.0.1,fd00::1" and ports "http:8080/TCP,53/UDP".
    /// </summary>
    public ClusterFixture Pod(
        string key,
        string labels = "",
        string ips = "",
        string ports = "",
        bool hostNetwork = false,
        string? node = null,
        string? hostIp = null)
    {
        var (ns, name) = Split(key);
        var ipList = ips.Split(',', StringSplitOptions.RemoveEmptyEntries);
        _pods.Add(new Pod
        {
            Metadata = new() { Namespace = ns, Name = name, Labels = Labels(labels.Split(',', StringSplitOptions.RemoveEmptyEntries)) },
            Spec = new()
            {
                HostNetwork = hostNetwork ? true : null,
                NodeName = node,
                Containers = [new() { Name = "main", Ports = ports.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(ParsePort).ToList() }],
            },
            Status = new()
            {
                PodIP = ipList.FirstOrDefault(),
                PodIPs = ipList.Select(ip => new PodIP { Ip = ip }).ToList(),
                HostIP = hostIp,
            },
        });
        _engine = null;
        return this;
    }

    /// <summary>NetworkPolicies from multi-document YAML; metadata.namespace defaults to "default".</summary>
    public ClusterFixture Policies(string yaml)
    {
        foreach (var doc in YamlDocuments.Parse(yaml))
        {
            _policies.Add(doc.Deserialize(Core.Kube.Models.KubeJsonContext.Default.NetworkPolicy)!);
        }

        _engine = null;
        return this;
    }

    public ClusterSnapshot Snapshot() => ClusterSnapshot.Create(namespaces: _namespaces, pods: _pods, networkPolicies: _policies);

    public ReachabilityEngine Engine => _engine ??= ReachabilityEngine.Create(Snapshot());

    public ReachEndpoint Endpoint(string text)
    {
        if (IPAddress.TryParse(text, out var ip))
        {
            return Engine.FindPodByAddress(ip) is { } owner ? ReachEndpoint.ForPod(owner) : ReachEndpoint.ForAddress(ip);
        }

        var (ns, name) = Split(text);
        return ReachEndpoint.ForPod(Engine.FindPod(ns, name) ?? throw new ArgumentException($"no pod {text}"));
    }

    public ReachVerdict Reach(string from, string to, string port)
    {
        ProbePort.TryParse(port, out var p, out var error).ShouldBeTrue(error);
        return Engine.Reach(Endpoint(from), Endpoint(to), p);
    }

    private static (string Namespace, string Name) Split(string key)
    {
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        return (key[..slash], key[(slash + 1)..]);
    }

    private static Dictionary<string, string>? Labels(IEnumerable<string> pairs)
    {
        var result = pairs.Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p.Length > 1 ? p[1] : "", StringComparer.Ordinal);
        return result.Count == 0 ? null : result;
    }

    private static ContainerPort ParsePort(string text)
    {
        // [name:]number[/PROTO]
        string? name = null;
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon >= 0)
        {
            name = text[..colon];
            text = text[(colon + 1)..];
        }

        var parts = text.Split('/');
        return new ContainerPort
        {
            Name = name,
            Port = int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture),
            Protocol = parts.Length > 1 ? parts[1] : null,
        };
    }
}
