using System.Text.Json.Nodes;
using Netguard.Core.Kube.Models;

namespace Netguard.Core.Kube.Resources;

/// <summary>The typed resources the product touches, ready to pass to <see cref="Client.IKubeClient"/>.</summary>
public static class KubeResourceTypes
{
    private static readonly KubeJsonContext Json = KubeJsonContext.Default;

    public static KubeResourceType<Pod> Pods { get; } = new(KubeResource.Pods, Json.Pod, Json.KubeListPod);
    public static KubeResourceType<Node> Nodes { get; } = new(KubeResource.Nodes, Json.Node, Json.KubeListNode);
    public static KubeResourceType<Namespace> Namespaces { get; } = new(KubeResource.Namespaces, Json.Namespace, Json.KubeListNamespace);
    public static KubeResourceType<NetworkPolicy> NetworkPolicies { get; } = new(KubeResource.NetworkPolicies, Json.NetworkPolicy, Json.KubeListNetworkPolicy);
    public static KubeResourceType<Service> Services { get; } = new(KubeResource.Services, Json.Service, Json.KubeListService);
    public static KubeResourceType<ConfigMap> ConfigMaps { get; } = new(KubeResource.ConfigMaps, Json.ConfigMap, Json.KubeListConfigMap);
    public static KubeResourceType<Deployment> Deployments { get; } = new(KubeResource.Deployments, Json.Deployment, Json.KubeListDeployment);
    public static KubeResourceType<StatefulSet> StatefulSets { get; } = new(KubeResource.StatefulSets, Json.StatefulSet, Json.KubeListStatefulSet);
    public static KubeResourceType<DaemonSet> DaemonSets { get; } = new(KubeResource.DaemonSets, Json.DaemonSet, Json.KubeListDaemonSet);
    public static KubeResourceType<ReplicaSet> ReplicaSets { get; } = new(KubeResource.ReplicaSets, Json.ReplicaSet, Json.KubeListReplicaSet);
    public static KubeResourceType<Job> Jobs { get; } = new(KubeResource.Jobs, Json.Job, Json.KubeListJob);
    public static KubeResourceType<CronJob> CronJobs { get; } = new(KubeResource.CronJobs, Json.CronJob, Json.KubeListCronJob);

    /// <summary>Any resource as raw JSON objects (for kinds without a model, e.g. webhook configurations).</summary>
    public static KubeResourceType<JsonObject> Raw(KubeResource resource) => new(resource, Json.JsonObject, Json.KubeListJsonObject);
}
