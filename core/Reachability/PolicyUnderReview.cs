using System.Runtime.CompilerServices;
using System.Text.Json;
using Netguard.Core.Cluster;
using Netguard.Core.Kube.Models;

namespace Netguard.Core.Reachability;

/// <summary>
/// A NetworkPolicy being admitted, and the cluster as it would be after it (added, or replacing the
/// policy of the same name): what the hygiene rules judge. Extra pods (hypothetical ones for when the
/// snapshot has no pods) can be added to that cluster.
/// </summary>
public sealed class PolicyUnderReview
{
    // The hygiene rules judge the same request one after another: share the engine per policy object
    // (the subject's typed view) and snapshot, without keeping either alive past the request.
    private static readonly ConditionalWeakTable<NetworkPolicy, Shared> Reviews = new();

    // One engine per snapshot for policies that do not change it; dies with the snapshot.
    private static readonly ConditionalWeakTable<IClusterSnapshot, ReachabilityEngine> SnapshotEngines = new();

    private PolicyUnderReview(NetworkPolicy policy, ReachabilityEngine engine)
    {
        Policy = policy;
        Reference = new PolicyRef(policy.Metadata.Namespace!, policy.Metadata.Name ?? "");
        Engine = engine;
    }

    /// <summary>The policy, with its effective namespace filled in.</summary>
    public NetworkPolicy Policy { get; }

    public PolicyRef Reference { get; }

    /// <summary>The engine over the cluster after the policy.</summary>
    public ReachabilityEngine Engine { get; }

    /// <summary>
    /// <see cref="Create"/> without extra pods, shared by every caller that passes the same policy object,
    /// snapshot and namespace.
    /// </summary>
    public static PolicyUnderReview For(IClusterSnapshot cluster, NetworkPolicy policy, string effectiveNamespace)
    {
        ArgumentNullException.ThrowIfNull(policy);
        if (Reviews.TryGetValue(policy, out var shared) && ReferenceEquals(shared.Cluster, cluster) && shared.Namespace == effectiveNamespace)
        {
            return shared.Review;
        }

        var review = Unchanged(cluster, policy, effectiveNamespace) ?? Create(cluster, policy, effectiveNamespace);
        Reviews.AddOrUpdate(policy, new Shared(cluster, effectiveNamespace, review));
        return review;
    }

    /// <summary>
    /// When the cluster already holds this policy with the same spec (audit, or an UPDATE that only touches
    /// metadata), the cluster after it is the cluster itself: judge it with the snapshot's one shared engine
    /// instead of building a new one per policy.
    /// </summary>
    private static PolicyUnderReview? Unchanged(IClusterSnapshot cluster, NetworkPolicy policy, string effectiveNamespace)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        var existing = cluster.NetworkPoliciesIn(effectiveNamespace)
            .FirstOrDefault(p => p.Metadata.Name == policy.Metadata.Name && p.Metadata.Namespace == effectiveNamespace);
        if (existing is null || !SameSpec(existing, policy))
        {
            return null;
        }

        return new PolicyUnderReview(existing, SnapshotEngines.GetValue(cluster, static c => ReachabilityEngine.Create(c)));
    }

    private static bool SameSpec(NetworkPolicy a, NetworkPolicy b) =>
        ReferenceEquals(a.Spec, b.Spec) || JsonSerializer.SerializeToUtf8Bytes(a.Spec, KubeJsonContext.Default.NetworkPolicySpec)
            .AsSpan().SequenceEqual(JsonSerializer.SerializeToUtf8Bytes(b.Spec, KubeJsonContext.Default.NetworkPolicySpec));

    public static PolicyUnderReview Create(IClusterSnapshot cluster, NetworkPolicy policy, string effectiveNamespace, IEnumerable<Pod>? extraPods = null)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentException.ThrowIfNullOrEmpty(effectiveNamespace);
        var placed = policy.Metadata.Namespace == effectiveNamespace
            ? policy
            : new NetworkPolicy
            {
                ApiVersion = policy.ApiVersion,
                Kind = policy.Kind,
                Metadata = new ObjectMeta { Name = policy.Metadata.Name, Namespace = effectiveNamespace, Labels = policy.Metadata.Labels },
                Spec = policy.Spec,
            };

        var after = ClusterSnapshot.WithNetworkPolicy(cluster, placed);
        if (extraPods is not null)
        {
            after = ClusterSnapshot.Create(
                after.HasNodes ? after.Nodes : null,
                after.HasNamespaces ? after.Namespaces : null,
                after.Pods.Concat(extraPods).ToList(),
                after.NetworkPolicies);
        }

        return new PolicyUnderReview(placed, ReachabilityEngine.Create(after));
    }

    private sealed record Shared(IClusterSnapshot Cluster, string Namespace, PolicyUnderReview Review);
}
