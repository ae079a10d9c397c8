using System.Text.Json;
using System.Text.Json.Nodes;
using Netguard.Core.Cluster;
using Netguard.Core.Kube.Client;
using Netguard.Core.Kube.Errors;
using Netguard.Core.Kube.Models;
using Netguard.Core.Kube.Resources;

namespace Netguard.Plugin.Cli;

/// <summary>
/// The cluster as live commands see it: the kinds they ask for, listed concurrently across all namespaces
/// (peers, DNS pods and nodes cross namespaces, so even a namespaced command judges against the whole
/// cluster, as the webhook's caches do). List items get their kind and apiVersion back (the API server
/// leaves them out of list items). A kind marked optional that the user may not list (403) is left
/// unknown with a one-line warning saying what that costs; any other failure propagates (exit 3).
/// </summary>
internal sealed class LiveCluster
{
    public IReadOnlyList<Node>? Nodes { get; private init; }

    public IReadOnlyList<Namespace>? Namespaces { get; private init; }

    public IReadOnlyList<Pod>? Pods { get; private init; }

    public IReadOnlyList<NetworkPolicy>? NetworkPolicies { get; private init; }

    public IReadOnlyList<Service>? Services { get; private init; }

    /// <summary>Deployments, StatefulSets, DaemonSets, ReplicaSets, Jobs and CronJobs, in that order.</summary>
    public IReadOnlyList<KubeObject>? Workloads { get; private init; }

    /// <summary>The rules' view: nodes, namespaces, pods and policies (null lists stay unknown).</summary>
    public ClusterSnapshot Snapshot() => ClusterSnapshot.Create(Nodes, Namespaces, Pods, NetworkPolicies);

    /// <summary>An object as JSON (kind and apiVersion included), as the rules engine reads subjects.</summary>
    public static JsonObject ToJson(KubeObject obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var info = KubeJsonContext.Default.GetTypeInfo(obj.GetType())
            ?? throw new NotSupportedException($"no JSON contract for {obj.GetType().Name}");
        return JsonSerializer.SerializeToNode(obj, info)!.AsObject();
    }

    /// <param name="optional">Kinds whose 403 is tolerated, with the consequence the warning names.</param>
    public static async Task<LiveCluster> LoadAsync(
        IKubeClient client,
        LiveKinds kinds,
        TextWriter warnings,
        IReadOnlyDictionary<LiveKinds, string>? optional = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(warnings);
        optional ??= new Dictionary<LiveKinds, string>();
        var lister = new Lister(client, kinds, warnings, optional, cancellationToken);
        var nodes = lister.ListAsync(LiveKinds.Nodes, KubeResourceTypes.Nodes);
        var namespaces = lister.ListAsync(LiveKinds.Namespaces, KubeResourceTypes.Namespaces);
        var pods = lister.ListAsync(LiveKinds.Pods, KubeResourceTypes.Pods);
        var policies = lister.ListAsync(LiveKinds.NetworkPolicies, KubeResourceTypes.NetworkPolicies);
        var services = lister.ListAsync(LiveKinds.Services, KubeResourceTypes.Services);
        Task<IReadOnlyList<KubeObject>?>[] workloads =
        [
            Widen(lister.ListAsync(LiveKinds.Workloads, KubeResourceTypes.Deployments)),
            Widen(lister.ListAsync(LiveKinds.Workloads, KubeResourceTypes.StatefulSets)),
            Widen(lister.ListAsync(LiveKinds.Workloads, KubeResourceTypes.DaemonSets)),
            Widen(lister.ListAsync(LiveKinds.Workloads, KubeResourceTypes.ReplicaSets)),
            Widen(lister.ListAsync(LiveKinds.Workloads, KubeResourceTypes.Jobs)),
            Widen(lister.ListAsync(LiveKinds.Workloads, KubeResourceTypes.CronJobs)),
        ];

        // Wait for every list before surfacing the first failure, so no request outlives the command.
        await Task.WhenAll(new Task[] { nodes, namespaces, pods, policies, services }.Concat(workloads)).ConfigureAwait(false);
        var lists = workloads.Select(w => w.Result).ToList();
        return new LiveCluster
        {
            Nodes = nodes.Result,
            Namespaces = namespaces.Result,
            Pods = pods.Result,
            NetworkPolicies = policies.Result,
            Services = services.Result,
            Workloads = kinds.HasFlag(LiveKinds.Workloads) && lists.All(l => l is not null) ? lists.SelectMany(l => l!).ToList() : null,
        };
    }

    private static async Task<IReadOnlyList<KubeObject>?> Widen<T>(Task<IReadOnlyList<T>?> list)
        where T : KubeObject => await list.ConfigureAwait(false);

    private sealed class Lister(
        IKubeClient client,
        LiveKinds kinds,
        TextWriter warnings,
        IReadOnlyDictionary<LiveKinds, string> optional,
        CancellationToken cancellationToken)
    {
        private readonly Lock _warningsLock = new();

        public async Task<IReadOnlyList<T>?> ListAsync<T>(LiveKinds kind, KubeResourceType<T> type)
            where T : KubeObject
        {
            if (!kinds.HasFlag(kind))
            {
                return null;
            }

            try
            {
                var list = await client.ListAsync(type, null, cancellationToken: cancellationToken).ConfigureAwait(false);
                foreach (var item in list.Items)
                {
                    item.Kind ??= type.Resource.Kind;
                    item.ApiVersion ??= type.Resource.ApiVersion;
                }

                return list.Items;
            }
            catch (KubeApiException e) when (e.IsForbidden && optional.TryGetValue(kind, out var consequence))
            {
                lock (_warningsLock)
                {
                    warnings.WriteLine($"warning: cannot list {type.Resource.Plural} (forbidden): {consequence}");
                }

                return null;
            }
        }
    }
}
