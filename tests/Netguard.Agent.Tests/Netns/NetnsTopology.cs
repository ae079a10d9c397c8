using System.Globalization;
using Netguard.Core.Kube.Models;
using Netguard.Core.Qos;
using Netguard.Core.Rules.Qos;

namespace Netguard.Agent.Tests.Netns;

/// <summary>
/// A node in network namespaces: the node namespace with an uplink veth ("ngup0") to a peer namespace
/// (the rest of the cluster), and pod namespaces routed through host-side veths ("ngp1", …), as a
/// CNI plugin would wire them. Addresses come from 198.18.0.0/15 (RFC 2544 benchmarking) and
/// fd6e:6767::/48. Every namespace is deleted on Dispose, also after a failed test.
/// </summary>
internal sealed class NetnsTopology : IDisposable
{
    public const string Uplink = "ngup0";
    public const string NodeAddress = "198.18.0.1";
    public const string PeerAddress = "198.18.0.2";

    private readonly List<string> _namespaces = [];

    private NetnsTopology(string prefix)
    {
        Prefix = prefix;
    }

    public string Prefix { get; }

    public string Node => Prefix + "-node";

    public string Peer => Prefix + "-peer";

    public List<TopologyPod> Pods { get; } = [];

    public static NetnsTopology Create(int pods, bool disableOffloads = false)
    {
        var topo = new NetnsTopology("ngt-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            topo.Build(pods, disableOffloads);
            return topo;
        }
        catch
        {
            topo.Dispose();
            throw;
        }
    }

    public string Exec(string netns, string command, TimeSpan? timeout = null) => Sh.Run($"ip netns exec {netns} {command}", timeout: timeout);

    public string InNode(string command) => Exec(Node, command);

    /// <summary>Pod objects as the API server would list them, with the given class annotation per pod (null: none).</summary>
    public List<Pod> PodObjects(params string?[] classes) =>
        Pods.Select((p, i) =>
        {
            var pod = new Pod
            {
                ApiVersion = "v1",
                Kind = "Pod",
                Metadata = new ObjectMeta { Namespace = "test", Name = p.Name },
                Spec = new PodSpec { NodeName = Node },
                Status = new PodStatus { Phase = "Running", PodIP = p.IPv4, PodIPs = [new PodIP { Ip = p.IPv4 }, new PodIP { Ip = p.IPv6 }] },
            };
            if (i < classes.Length && classes[i] is { } cls)
            {
                pod.Metadata.Annotations = new() { [QosAnnotations.Class] = cls };
            }

            return pod;
        }).ToList();

    public void Dispose()
    {
        foreach (var ns in _namespaces.AsEnumerable().Reverse())
        {
            Sh.TryRun($"ip netns pids {ns} | xargs -r kill -9; ip netns del {ns}");
        }
    }

    private void Build(int pods, bool disableOffloads)
    {
        AddNamespace(Node);
        AddNamespace(Peer);
        var script = new List<string>
        {
            $"ip -n {Node} link set lo up",
            $"ip -n {Peer} link set lo up",
            $"ip netns exec {Node} sysctl -qw net.ipv4.ip_forward=1 net.ipv6.conf.all.forwarding=1",
            $"ip -n {Node} link add {Uplink} type veth peer name {Uplink} netns {Peer}",
            $"ip -n {Node} addr add {NodeAddress}/24 dev {Uplink}",
            $"ip -n {Node} addr add fd6e:6767::1/64 dev {Uplink} nodad",
            $"ip -n {Peer} addr add {PeerAddress}/24 dev {Uplink}",
            $"ip -n {Peer} addr add fd6e:6767::2/64 dev {Uplink} nodad",
            $"ip -n {Node} link set {Uplink} up",
            $"ip -n {Peer} link set {Uplink} up",
            $"ip -n {Peer} route add 198.18.0.0/15 via {NodeAddress}",
            $"ip -n {Peer} -6 route add fd6e:6767::/48 via fd6e:6767::1",
        };
        if (disableOffloads)
        {
            script.Add(Offloads(Node, Uplink));
            script.Add(Offloads(Peer, Uplink));
        }

        for (var i = 1; i <= pods; i++)
        {
            var ns = $"{Prefix}-pod{i}";
            AddNamespace(ns);
            var hostSide = "ngp" + i.ToString(CultureInfo.InvariantCulture);
            var pod = new TopologyPod(ns, "pod" + i.ToString(CultureInfo.InvariantCulture), $"198.18.{i}.2", $"fd6e:6767:{i:x}::2", hostSide);
            Pods.Add(pod);
            script.AddRange(
            [
                $"ip -n {ns} link set lo up",
                $"ip -n {Node} link add {hostSide} type veth peer name eth0 netns {ns}",
                $"ip -n {Node} addr add 198.18.{i}.1/24 dev {hostSide}",
                $"ip -n {Node} addr add fd6e:6767:{i:x}::1/64 dev {hostSide} nodad",
                $"ip -n {ns} addr add {pod.IPv4}/24 dev eth0",
                $"ip -n {ns} addr add {pod.IPv6}/64 dev eth0 nodad",
                $"ip -n {Node} link set {hostSide} up",
                $"ip -n {ns} link set eth0 up",
                $"ip -n {ns} route add default via 198.18.{i}.1",
                $"ip -n {ns} -6 route add default via fd6e:6767:{i:x}::1",
            ]);
            if (disableOffloads)
            {
                script.Add(Offloads(Node, hostSide));
                script.Add(Offloads(ns, "eth0"));
            }
        }

        Sh.Run(string.Join(" && ", script));
    }

    /// <summary>Wire-sized packets in the qdiscs, as on a real link, instead of 64 KiB GSO superpackets.</summary>
    private static string Offloads(string ns, string dev) =>
        $"ip netns exec {ns} ethtool -K {dev} tso off gso off gro off >/dev/null 2>&1 || true";

    private void AddNamespace(string name)
    {
        Sh.Run($"ip netns add {name}");
        _namespaces.Add(name);
    }
}
