using System.Net.Sockets;
using System.Runtime.CompilerServices;

namespace Netguard.Core.Reachability;

/// <summary>
/// Computes a matrix with bitsets. For each source the destinations its egress allows are the union, over
/// the policies isolating it, of (peers ∩ destinations whose port the rule allows); for each destination
/// the sources its ingress allows likewise. Each policy's and rule's set is computed once and shared.
/// ipBlocks make peer sets depend on the address family a pair uses, so sets are kept per family.
/// </summary>
internal sealed class MatrixBuilder
{
    private static readonly AddressFamily[] Families = [AddressFamily.InterNetwork, AddressFamily.InterNetworkV6, AddressFamily.Unspecified];

    private readonly ReachabilityEngine _engine;
    private readonly ProbePort _port;
    private readonly IReadOnlyList<PodEndpoint> _all;
    private readonly PodContainerPort?[] _destinationPort;
    private readonly PodSet _withPort;
    private readonly PodSet?[] _portDestinations;
    private readonly Dictionary<(int Number, TransportProtocol Protocol), PodSet> _byResolvedPort = [];
    private readonly Dictionary<(string Name, TransportProtocol Protocol), PodSet> _byNamedPort = [];
    private readonly Dictionary<(int Family, string Block), PodSet> _byIpBlock = [];
    private readonly PodSet?[][] _peers;
    private readonly Dictionary<(int Family, PolicyRef Policy), PodSet> _policyEgress = [];
    private readonly PodSet?[][] _egress;
    private readonly PodSet?[][] _ingress;

    /// <summary>Per pod: bit 0 = has IPv4, bit 1 = has IPv6, bits 2-3 = family index of its primary address.</summary>
    private readonly int[] _families;

    public MatrixBuilder(ReachabilityEngine engine, ProbePort port)
    {
        _engine = engine;
        _port = port;
        _all = engine.Pods;
        _destinationPort = new PodContainerPort?[_all.Count];
        _withPort = new PodSet(_all.Count);
        foreach (var pod in _all)
        {
            var resolved = port.Number is { } n
                ? new PodContainerPort(null, n, port.Protocol ?? TransportProtocol.Tcp)
                : pod.FindPort(port.Name!, port.Protocol);
            _destinationPort[pod.Index] = resolved;
            if (resolved is not null)
            {
                _withPort.Add(pod.Index);
                var key = (resolved.Number, resolved.Protocol);
                if (!_byResolvedPort.TryGetValue(key, out var group))
                {
                    _byResolvedPort[key] = group = new PodSet(_all.Count);
                }

                group.Add(pod.Index);
            }
        }

        _families = new int[_all.Count];
        foreach (var pod in _all)
        {
            var bits = 0;
            foreach (var a in pod.Addresses)
            {
                bits |= 1 << FamilyIndex(a.AddressFamily);
            }

            _families[pod.Index] = bits | ((pod.Addresses.Count > 0 ? FamilyIndex(pod.Addresses[0].AddressFamily) : 2) << 2);
        }

        _egress = [new PodSet?[_all.Count], new PodSet?[_all.Count], new PodSet?[_all.Count]];
        _ingress = [new PodSet?[_all.Count], new PodSet?[_all.Count], new PodSet?[_all.Count]];
        _portDestinations = new PodSet?[engine.RuleCount];
        _peers = [new PodSet?[engine.RuleCount], new PodSet?[engine.RuleCount], new PodSet?[engine.RuleCount]];
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    /// <remarks>
    /// The hot paths are compiled fully optimized on first use: the CLI computes one matrix per process,
    /// and tier-0 code would otherwise run most of it.
    /// </remarks>
    public ReachabilityMatrix Build(IReadOnlyList<PodEndpoint> pods)
    {
        var rows = pods.ToArray();
        var n = rows.Length;
        var allowed = new bool[n * n];
        var index = new int[n];
        var hasPort = new bool[n];
        var hostNetwork = new bool[n];
        for (var j = 0; j < n; j++)
        {
            index[j] = rows[j].Index;
            hasPort[j] = _destinationPort[index[j]] is not null;
            hostNetwork[j] = rows[j].HostNetwork;
        }

        var egress = new PodSet?[Families.Length];
        for (var i = 0; i < n; i++)
        {
            var from = rows[i];
            var fromIndex = index[i];
            var row = i * n;
            Array.Clear(egress);
            for (var j = 0; j < n; j++)
            {
                if (!hasPort[j])
                {
                    continue;
                }

                var toIndex = index[j];
                if (fromIndex == toIndex && !from.IsWorkload)
                {
                    allowed[row + j] = true; // a pod cannot block access to itself
                    continue;
                }

                var family = PairFamily(fromIndex, toIndex);
                var egressSet = egress[family] ??= Egress(family, from);
                if (!egressSet.Contains(toIndex) && !(hostNetwork[j] && ReachabilityEngine.IsOwnNode(from, rows[j], null)))
                {
                    continue;
                }

                var ingressSet = _ingress[family][toIndex] ?? Ingress(family, rows[j]);
                allowed[row + j] = ingressSet.Contains(fromIndex) || (hostNetwork[i] && ReachabilityEngine.IsOwnNode(rows[j], from, null));
            }
        }

        var ports = rows.Select(p => _destinationPort[p.Index]).ToList();
        return new ReachabilityMatrix(_port, rows, ports, allowed);
    }

    /// <summary>Destinations the source's egress allows.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private PodSet Egress(int family, PodEndpoint from)
    {
        if (_egress[family][from.Index] is { } set)
        {
            return set;
        }

        var policies = _engine.PoliciesOf(from, PolicyDirection.Egress);
        if (from.HostNetwork || policies.Count == 0)
        {
            set = _engine.AllPods;
        }
        else
        {
            set = new PodSet(_all.Count);
            foreach (var policy in policies)
            {
                set.UnionWith(PolicyEgress(family, policy));
            }
        }

        _egress[family][from.Index] = set;
        return set;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private PodSet PolicyEgress(int family, CompiledPolicy policy)
    {
        if (!_policyEgress.TryGetValue((family, policy.Reference), out var set))
        {
            set = new PodSet(_all.Count);
            foreach (var rule in policy.Egress)
            {
                set.UnionWithIntersection(Peers(family, rule), PortDestinations(rule));
            }

            _policyEgress[(family, policy.Reference)] = set;
        }

        return set;
    }

    /// <summary>Sources the destination's ingress allows (named ports resolve on this destination).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private PodSet Ingress(int family, PodEndpoint to)
    {
        if (_ingress[family][to.Index] is { } set)
        {
            return set;
        }

        var policies = _engine.PoliciesOf(to, PolicyDirection.Ingress);
        if (to.HostNetwork || policies.Count == 0)
        {
            set = _engine.AllPods;
        }
        else
        {
            set = new PodSet(_all.Count);
            foreach (var policy in policies)
            {
                foreach (var rule in policy.Ingress)
                {
                    if (PortDestinations(rule).Contains(to.Index))
                    {
                        set.UnionWith(Peers(family, rule));
                    }
                }
            }
        }

        _ingress[family][to.Index] = set;
        return set;
    }

    /// <summary>Pods the rule's peers match when the pair talks over <paramref name="family"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private PodSet Peers(int family, CompiledRule rule)
    {
        if (_peers[family][rule.Id] is { } cached)
        {
            return cached;
        }

        PodSet set;
        if (rule.AnyPeer)
        {
            set = _engine.AllPods;
        }
        else if (rule.IpBlocks.Count == 0 || Families[family] == AddressFamily.Unspecified)
        {
            set = rule.SelectorPeers;
        }
        else
        {
            set = rule.SelectorPeers.Clone();
            foreach (var block in rule.IpBlocks)
            {
                set.UnionWith(BlockPods(family, block));
            }
        }

        _peers[family][rule.Id] = set;
        return set;
    }

    /// <summary>Pods whose address of <paramref name="family"/> an ipBlock matches, computed once per distinct block.</summary>
    private PodSet BlockPods(int family, CompiledIpBlock block)
    {
        if (!_byIpBlock.TryGetValue((family, block.Key), out var set))
        {
            set = new PodSet(_all.Count);
            var addressFamily = Families[family];
            foreach (var pod in _all)
            {
                if (pod.TryGetAddressValue(addressFamily, out var value) && block.Contains(addressFamily, value))
                {
                    set.Add(pod.Index);
                }
            }

            _byIpBlock[(family, block.Key)] = set;
        }

        return set;
    }

    /// <summary>
    /// Destinations whose probed port the rule's ports allow: destinations are grouped by the port they are
    /// probed on (one group for a numeric probe), and named ports are looked up per (name, protocol).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private PodSet PortDestinations(CompiledRule rule)
    {
        if (_portDestinations[rule.Id] is { } cached)
        {
            return cached;
        }

        PodSet set;
        if (rule.AnyPort)
        {
            set = _withPort;
        }
        else
        {
            set = new PodSet(_all.Count);
            foreach (var entry in rule.Ports)
            {
                if (entry.Name is not null)
                {
                    set.UnionWith(NamedPortDestinations(entry.Name, entry.Protocol));
                    continue;
                }

                foreach (var ((number, protocol), group) in _byResolvedPort)
                {
                    if (entry.Allows(number, protocol, null))
                    {
                        set.UnionWith(group);
                    }
                }
            }
        }

        _portDestinations[rule.Id] = set;
        return set;
    }

    /// <summary>Destinations probed on exactly the container port they name <paramref name="name"/>/<paramref name="protocol"/>.</summary>
    private PodSet NamedPortDestinations(string name, TransportProtocol protocol)
    {
        if (!_byNamedPort.TryGetValue((name, protocol), out var set))
        {
            set = new PodSet(_all.Count);
            foreach (var pod in _all)
            {
                if (_destinationPort[pod.Index] is { } probed && probed.Protocol == protocol && pod.FindPort(name, protocol)?.Number == probed.Number)
                {
                    set.Add(pod.Index);
                }
            }

            _byNamedPort[(name, protocol)] = set;
        }

        return set;
    }

    /// <summary>The source's primary family if the destination has it, else the other one if both have it (as <see cref="ReachabilityEngine.PairFamily"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int PairFamily(int from, int to)
    {
        var f = _families[from];
        var t = _families[to];
        var primary = f >> 2;
        if (primary < 2 && (t & (1 << primary)) != 0)
        {
            return primary;
        }

        var other = primary ^ 1;
        return primary < 2 && (f & t & (1 << other)) != 0 ? other : 2;
    }

    private static int FamilyIndex(AddressFamily family) => family switch
    {
        AddressFamily.InterNetwork => 0,
        AddressFamily.InterNetworkV6 => 1,
        _ => 2,
    };
}
