using System.Net;
using System.Net.Sockets;
using Netguard.Core.Cluster;
using Netguard.Core.Kube.Models;

namespace Netguard.Core.Reachability;

/// <summary>
/// networking.k8s.io/v1 NetworkPolicy semantics over a cluster snapshot (SPEC §8). Built once: every
/// policy's selectors are evaluated into pod bitsets, so a probe is a few lookups and a full matrix is
/// a union of bitsets per pod instead of every policy tested against every pair.
/// </summary>
public sealed class ReachabilityEngine
{
    private readonly PodEndpoint[] _pods;
    private readonly CompiledPolicy[] _policies;
    private readonly Dictionary<PolicyRef, CompiledPolicy> _policyByRef = [];
    private readonly List<CompiledPolicy>[] _ingressPolicies;
    private readonly List<CompiledPolicy>[] _egressPolicies;
    private readonly Dictionary<(string Namespace, string Name), PodEndpoint> _podByName = [];
    private readonly Dictionary<IPAddress, PodEndpoint> _podByAddress = [];
    private readonly SortedSet<string> _namespaces = new(StringComparer.Ordinal);
    private readonly PodSet _allPods;
    private readonly int _ruleCount;

    private ReachabilityEngine(IClusterSnapshot snapshot, Func<Pod, bool>? isWorkload)
    {
        var pods = new List<PodEndpoint>();
        foreach (var pod in snapshot.Pods)
        {
            // Finished pods have no network; their IPs may already belong to running pods.
            if (pod.IsFinished())
            {
                continue;
            }

            var key = (pod.Metadata.Namespace ?? "default", pod.Metadata.Name ?? "");
            if (_podByName.ContainsKey(key))
            {
                continue;
            }

            var endpoint = new PodEndpoint(pods.Count, pod, isWorkload?.Invoke(pod) == true);
            pods.Add(endpoint);
            _podByName[key] = endpoint;
            if (!endpoint.HostNetwork)
            {
                foreach (var address in endpoint.Addresses)
                {
                    _podByAddress.TryAdd(address, endpoint);
                }
            }
        }

        _pods = [.. pods];
        _allPods = PodSet.All(_pods.Length);

        var namespaceLabels = NamespaceLabels(snapshot);
        foreach (var ns in namespaceLabels.Keys)
        {
            _namespaces.Add(ns);
        }

        var index = new SelectorIndex(_pods, namespaceLabels);
        var compiler = new PolicyCompiler(index, _pods.Length);
        var problems = new List<PolicyProblem>();
        var policies = new List<CompiledPolicy>();
        foreach (var policy in snapshot.NetworkPolicies)
        {
            var compiled = compiler.Compile(policy);
            if (!_policyByRef.TryAdd(compiled.Reference, compiled))
            {
                continue;
            }

            policies.Add(compiled);
            problems.AddRange(NetworkPolicyValidator.Validate(policy));
        }

        _policies = [.. policies];
        _ruleCount = compiler.RuleCount;
        Problems = problems;

        _ingressPolicies = new List<CompiledPolicy>[_pods.Length];
        _egressPolicies = new List<CompiledPolicy>[_pods.Length];
        for (var i = 0; i < _pods.Length; i++)
        {
            _ingressPolicies[i] = [];
            _egressPolicies[i] = [];
        }

        foreach (var policy in _policies)
        {
            foreach (var i in policy.Selected.Indices())
            {
                if (policy.IsolatesIngress)
                {
                    _ingressPolicies[i].Add(policy);
                }

                if (policy.IsolatesEgress)
                {
                    _egressPolicies[i].Add(policy);
                }
            }
        }
    }

    /// <summary>Every pod of the snapshot that is not finished (first of each namespace/name), in snapshot order.</summary>
    public IReadOnlyList<PodEndpoint> Pods => _pods;

    /// <summary>Namespaces known from Namespace objects, pods and policies.</summary>
    public IReadOnlyCollection<string> Namespaces => _namespaces;

    public IReadOnlyList<PolicyRef> Policies => _policies.Select(p => p.Reference).ToList();

    /// <summary>Fields of the input policies that the API server would reject; the engine treats them as matching nothing.</summary>
    public IReadOnlyList<PolicyProblem> Problems { get; }

    /// <param name="isWorkload">Which of the snapshot's pods stand for a workload's pods (<see cref="PodEndpoint.IsWorkload"/>).</param>
    public static ReachabilityEngine Create(IClusterSnapshot snapshot, Func<Pod, bool>? isWorkload = null)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return new ReachabilityEngine(snapshot, isWorkload);
    }

    public PodEndpoint? FindPod(string ns, string name) => _podByName.GetValueOrDefault((ns, name));

    /// <summary>The (non-hostNetwork) pod that owns an address, or null.</summary>
    public PodEndpoint? FindPodByAddress(IPAddress address) => _podByAddress.GetValueOrDefault(address);

    public bool HasNamespace(string ns) => _namespaces.Contains(ns);

    public NetworkPolicy? FindPolicy(PolicyRef reference) => _policyByRef.GetValueOrDefault(reference)?.Source;

    /// <summary>The policies that isolate <paramref name="pod"/> in <paramref name="direction"/>, by name.</summary>
    public IReadOnlyList<PolicyRef> IsolatingPolicies(PodEndpoint pod, PolicyDirection direction)
    {
        ArgumentNullException.ThrowIfNull(pod);
        return Sorted(PoliciesOf(pod, direction));
    }

    /// <summary>The pods a policy's podSelector selects in its namespace (never hostNetwork pods).</summary>
    public IReadOnlyList<PodEndpoint> SelectedPods(PolicyRef policy) =>
        _policyByRef.TryGetValue(policy, out var p) ? ToPods(p.Selected) : [];

    /// <summary>
    /// The pods a rule's peers match: every pod when it lists no peers, else the selector peers plus the
    /// pods with an address inside one of its ipBlocks.
    /// </summary>
    public IReadOnlyList<PodEndpoint> PeerPods(RuleRef rule)
    {
        if (!_policyByRef.TryGetValue(rule.Policy, out var p) || rule.Index >= p.Rules(rule.Direction).Count)
        {
            return [];
        }

        var compiled = p.Rules(rule.Direction)[rule.Index];
        if (compiled.AnyPeer)
        {
            return _pods;
        }

        var set = compiled.SelectorPeers.Clone();
        foreach (var pod in _pods)
        {
            if (pod.Addresses.Any(compiled.InIpBlocks))
            {
                set.Add(pod.Index);
            }
        }

        return ToPods(set);
    }

    /// <summary>Answers one probe, with the policies and rules that decide each side.</summary>
    /// <exception cref="ReachabilityException">The port name does not resolve on the destination, or the addresses mix families.</exception>
    public ReachVerdict Reach(ReachEndpoint from, ReachEndpoint to, ProbePort port)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        ArgumentNullException.ThrowIfNull(port);

        var (number, protocol) = ResolvePort(port, to);
        var (fromAddress, toAddress) = ChooseAddresses(from, to);

        if (from.Pod is not null && from.Pod == to.Pod && !from.Pod.IsWorkload)
        {
            return new ReachVerdict(from, to, number, protocol, port.Name, fromAddress, toAddress,
                DirectionVerdict.Open(PolicyDirection.Egress, DirectionReason.Loopback, IsolatingPolicies(from.Pod, PolicyDirection.Egress)),
                DirectionVerdict.Open(PolicyDirection.Ingress, DirectionReason.Loopback, IsolatingPolicies(to.Pod, PolicyDirection.Ingress)));
        }

        var egress = Side(PolicyDirection.Egress, subject: from, peer: to, peerAddress: toAddress, number, protocol, to.Pod);
        var ingress = Side(PolicyDirection.Ingress, subject: to, peer: from, peerAddress: fromAddress, number, protocol, to.Pod);
        return new ReachVerdict(from, to, number, protocol, port.Name, fromAddress, toAddress, egress, ingress);
    }

    /// <summary>
    /// Who can reach whom among <paramref name="pods"/> (all pods when null) on one port. A named port is
    /// resolved on each destination; a destination without it gets no verdict.
    /// </summary>
    public ReachabilityMatrix Matrix(ProbePort port, IReadOnlyList<PodEndpoint>? pods = null)
    {
        ArgumentNullException.ThrowIfNull(port);
        return new MatrixBuilder(this, port).Build(pods ?? _pods);
    }

    internal IReadOnlyList<CompiledPolicy> PoliciesOf(PodEndpoint pod, PolicyDirection direction) =>
        direction == PolicyDirection.Ingress ? _ingressPolicies[pod.Index] : _egressPolicies[pod.Index];

    internal PodSet AllPods => _allPods;

    internal int RuleCount => _ruleCount;

    /// <summary>Traffic between a pod and its own node is always allowed: its hostNetwork pods, its hostIP.</summary>
    internal static bool IsOwnNode(PodEndpoint pod, PodEndpoint? otherPod, IPAddress? otherAddress)
    {
        if (otherPod is { HostNetwork: true })
        {
            return (pod.NodeName is not null && pod.NodeName == otherPod.NodeName)
                || (pod.HostAddress is not null && otherPod.Addresses.Contains(pod.HostAddress));
        }

        return otherPod is null && otherAddress is not null && otherAddress.Equals(pod.HostAddress);
    }

    /// <summary>The address family a pod pair talks over: the source's first family the destination also has.</summary>
    internal static AddressFamily PairFamily(PodEndpoint from, PodEndpoint to)
    {
        foreach (var a in from.Addresses)
        {
            if (to.AddressIn(a.AddressFamily) is not null)
            {
                return a.AddressFamily;
            }
        }

        return AddressFamily.Unspecified;
    }

    private DirectionVerdict Side(
        PolicyDirection direction,
        ReachEndpoint subject,
        ReachEndpoint peer,
        IPAddress? peerAddress,
        int number,
        TransportProtocol protocol,
        PodEndpoint? destination)
    {
        if (subject.Pod is not { } pod)
        {
            return DirectionVerdict.Open(direction, DirectionReason.NotAPod);
        }

        if (pod.HostNetwork)
        {
            return DirectionVerdict.Open(direction, DirectionReason.HostNetwork);
        }

        var policies = PoliciesOf(pod, direction);
        if (policies.Count == 0)
        {
            return DirectionVerdict.Open(direction, DirectionReason.NotIsolated);
        }

        var names = Sorted(policies);
        if (IsOwnNode(pod, peer.Pod, peer.Address))
        {
            return DirectionVerdict.Open(direction, DirectionReason.OwnNode, names);
        }

        var peerAddressUnknown = peer.Pod is { Addresses.Count: 0 };
        var allowedBy = new List<RuleRef>();
        var undecided = new List<RuleRef>();
        foreach (var policy in policies)
        {
            foreach (var rule in policy.Rules(direction))
            {
                if (!rule.AllowsPort(number, protocol, destination))
                {
                    continue;
                }

                if (rule.AllowsPeer(peer.Pod, peerAddress ?? peer.Address))
                {
                    allowedBy.Add(rule.Reference);
                }
                else if (peerAddressUnknown && rule.IpBlocks.Count > 0)
                {
                    undecided.Add(rule.Reference);
                }
            }
        }

        allowedBy.Sort((a, b) => a.Policy != b.Policy ? a.Policy.CompareTo(b.Policy) : a.Index.CompareTo(b.Index));
        undecided.Sort((a, b) => a.Policy != b.Policy ? a.Policy.CompareTo(b.Policy) : a.Index.CompareTo(b.Index));
        var allowed = allowedBy.Count > 0;
        return new DirectionVerdict(direction, allowed, allowed ? DirectionReason.AllowedByRule : DirectionReason.NoRuleAllows, names, allowedBy, undecided);
    }

    private static (int Number, TransportProtocol Protocol) ResolvePort(ProbePort port, ReachEndpoint to)
    {
        if (port.Number is { } n)
        {
            return (n, port.Protocol ?? TransportProtocol.Tcp);
        }

        if (to.Pod is not { } pod)
        {
            throw new ReachabilityException($"port name \"{port.Name}\" needs a pod as destination, not the address {to.Address}");
        }

        var found = pod.FindPort(port.Name!, port.Protocol)
            ?? throw new ReachabilityException(
                $"pod {pod.Key} has no container port named \"{port.Name}\"{(port.Protocol is { } p ? "/" + p.ToApiString() : "")}"
                + (pod.Ports.Any(x => x.Name is not null) ? $" (it has {string.Join(", ", pod.Ports.Where(x => x.Name is not null).Select(x => $"{x.Name}={x.Number}/{x.Protocol.ToApiString()}"))})" : ""));
        return (found.Number, found.Protocol);
    }

    private static (IPAddress? From, IPAddress? To) ChooseAddresses(ReachEndpoint from, ReachEndpoint to)
    {
        if (from.Address is { } fa && to.Address is { } ta && fa.AddressFamily != ta.AddressFamily)
        {
            throw new ReachabilityException($"{fa} and {ta} are of different address families");
        }

        if (from.Address is { } f)
        {
            return (f, to.Address ?? to.Pod!.AddressIn(f.AddressFamily));
        }

        if (to.Address is { } t)
        {
            return (from.Pod!.AddressIn(t.AddressFamily), t);
        }

        var family = PairFamily(from.Pod!, to.Pod!);
        return family == AddressFamily.Unspecified ? (null, null) : (from.Pod!.AddressIn(family), to.Pod!.AddressIn(family));
    }

    private List<PodEndpoint> ToPods(PodSet set) => set.Indices().Select(i => _pods[i]).ToList();

    private static List<PolicyRef> Sorted(IEnumerable<CompiledPolicy> policies) =>
        policies.Select(p => p.Reference).Order().ToList();

    /// <summary>
    /// Labels of every namespace the snapshot mentions. The API server always sets
    /// kubernetes.io/metadata.name; a namespace known only from its pods or policies has just that label.
    /// </summary>
    private static Dictionary<string, IReadOnlyDictionary<string, string>> NamespaceLabels(IClusterSnapshot snapshot)
    {
        var result = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);
        foreach (var ns in snapshot.Namespaces)
        {
            var name = ns.Metadata.Name ?? "";
            result.TryAdd(name, Namespace.SelectorLabels(name, ns));
        }

        foreach (var name in snapshot.Pods.Select(p => p.Metadata.Namespace ?? "default")
            .Concat(snapshot.NetworkPolicies.Select(p => p.Metadata.Namespace ?? "default")))
        {
            result.TryAdd(name, Namespace.SelectorLabels(name, null));
        }

        return result;
    }
}
