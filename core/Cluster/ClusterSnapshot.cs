using Netguard.Core.Kube.Models;

namespace Netguard.Core.Cluster;

/// <summary>An immutable, indexed snapshot built from object lists (manifests, informer caches, test data).</summary>
public sealed class ClusterSnapshot : IClusterSnapshot
{
    private readonly Dictionary<string, Node> _nodes;
    private readonly Dictionary<string, Namespace> _namespaces;
    private readonly Dictionary<string, List<Pod>> _podsByNamespace;
    private readonly Dictionary<string, List<NetworkPolicy>> _policiesByNamespace;

    private ClusterSnapshot(
        IReadOnlyCollection<Node>? nodes,
        IReadOnlyCollection<Namespace>? namespaces,
        IReadOnlyCollection<Pod>? pods,
        IReadOnlyCollection<NetworkPolicy>? policies)
    {
        HasNodes = nodes is not null;
        HasNamespaces = namespaces is not null;
        HasPods = pods is not null;
        HasNetworkPolicies = policies is not null;
        Nodes = nodes ?? [];
        Namespaces = namespaces ?? [];
        Pods = pods ?? [];
        NetworkPolicies = policies ?? [];

        _nodes = new(StringComparer.Ordinal);
        foreach (var n in Nodes)
        {
            _nodes[n.Metadata.Name ?? ""] = n;
        }

        _namespaces = new(StringComparer.Ordinal);
        foreach (var ns in Namespaces)
        {
            _namespaces[ns.Metadata.Name ?? ""] = ns;
        }

        _podsByNamespace = GroupByNamespace(Pods);
        _policiesByNamespace = GroupByNamespace(NetworkPolicies);
    }

    /// <summary>A snapshot that knows nothing (the offline webhook).</summary>
    public static ClusterSnapshot Empty { get; } = new(null, null, null, null);

    /// <summary>
    /// A snapshot from lists; a null list means "this kind is unknown", an empty list means "there are none".
    /// </summary>
    public static ClusterSnapshot Create(
        IReadOnlyCollection<Node>? nodes = null,
        IReadOnlyCollection<Namespace>? namespaces = null,
        IReadOnlyCollection<Pod>? pods = null,
        IReadOnlyCollection<NetworkPolicy>? networkPolicies = null) =>
        new(nodes, namespaces, pods, networkPolicies);

    public bool HasNodes { get; }

    public bool HasNamespaces { get; }

    public bool HasPods { get; }

    public bool HasNetworkPolicies { get; }

    public IReadOnlyCollection<Node> Nodes { get; }

    public IReadOnlyCollection<Namespace> Namespaces { get; }

    public IReadOnlyCollection<Pod> Pods { get; }

    public IReadOnlyCollection<NetworkPolicy> NetworkPolicies { get; }

    public Node? FindNode(string name) => _nodes.GetValueOrDefault(name);

    public Namespace? FindNamespace(string name) => _namespaces.GetValueOrDefault(name);

    public IReadOnlyList<Pod> PodsIn(string ns) => _podsByNamespace.TryGetValue(ns, out var l) ? l : [];

    public IReadOnlyList<NetworkPolicy> NetworkPoliciesIn(string ns) =>
        _policiesByNamespace.TryGetValue(ns, out var l) ? l : [];

    /// <summary>
    /// This snapshot with <paramref name="policy"/> added, or replacing the policy of the same namespace/name
    /// (how a NetworkPolicy CREATE/UPDATE is judged: "after this policy").
    /// </summary>
    public static ClusterSnapshot WithNetworkPolicy(IClusterSnapshot snapshot, NetworkPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(policy);
        var ns = policy.Metadata.Namespace ?? "default";
        var policies = snapshot.NetworkPolicies
            .Where(p => !((p.Metadata.Namespace ?? "default") == ns && p.Metadata.Name == policy.Metadata.Name))
            .Append(policy)
            .ToList();
        return new(
            snapshot.HasNodes ? snapshot.Nodes : null,
            snapshot.HasNamespaces ? snapshot.Namespaces : null,
            snapshot.HasPods ? snapshot.Pods : null,
            policies);
    }

    private static Dictionary<string, List<T>> GroupByNamespace<T>(IEnumerable<T> items)
        where T : KubeObject
    {
        var result = new Dictionary<string, List<T>>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            var ns = item.Metadata.Namespace ?? "default";
            if (!result.TryGetValue(ns, out var list))
            {
                result[ns] = list = [];
            }

            list.Add(item);
        }

        return result;
    }
}
