using Netguard.Core.Kube.Models;

namespace Netguard.Core.Cluster;

/// <summary>
/// A read-only view of the cluster state the rules need. The Has* flags say whether a kind is known at
/// all: the offline webhook knows nothing, `check` knows what the manifests contain, the live webhook
/// knows everything its caches hold.
/// </summary>
public interface IClusterSnapshot
{
    bool HasNodes { get; }

    bool HasNamespaces { get; }

    bool HasPods { get; }

    bool HasNetworkPolicies { get; }

    IReadOnlyCollection<Node> Nodes { get; }

    IReadOnlyCollection<Namespace> Namespaces { get; }

    IReadOnlyCollection<Pod> Pods { get; }

    IReadOnlyCollection<NetworkPolicy> NetworkPolicies { get; }

    Node? FindNode(string name);

    Namespace? FindNamespace(string name);

    IReadOnlyList<Pod> PodsIn(string ns);

    IReadOnlyList<NetworkPolicy> NetworkPoliciesIn(string ns);
}
