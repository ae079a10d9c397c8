using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Netguard.Core.Kube.Models;

/// <summary>Source-generated serialization for every model: camelCase, nulls omitted, as the API server writes them.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    PropertyNameCaseInsensitive = false)]
[JsonSerializable(typeof(Pod))]
[JsonSerializable(typeof(Node))]
[JsonSerializable(typeof(Namespace))]
[JsonSerializable(typeof(NetworkPolicy))]
[JsonSerializable(typeof(Service))]
[JsonSerializable(typeof(ConfigMap))]
[JsonSerializable(typeof(Deployment))]
[JsonSerializable(typeof(StatefulSet))]
[JsonSerializable(typeof(DaemonSet))]
[JsonSerializable(typeof(ReplicaSet))]
[JsonSerializable(typeof(Job))]
[JsonSerializable(typeof(CronJob))]
[JsonSerializable(typeof(PodTemplateSpec))]
[JsonSerializable(typeof(KubeList<Pod>))]
[JsonSerializable(typeof(KubeList<Node>))]
[JsonSerializable(typeof(KubeList<Namespace>))]
[JsonSerializable(typeof(KubeList<NetworkPolicy>))]
[JsonSerializable(typeof(KubeList<Service>))]
[JsonSerializable(typeof(KubeList<ConfigMap>))]
[JsonSerializable(typeof(KubeList<Deployment>))]
[JsonSerializable(typeof(KubeList<StatefulSet>))]
[JsonSerializable(typeof(KubeList<DaemonSet>))]
[JsonSerializable(typeof(KubeList<ReplicaSet>))]
[JsonSerializable(typeof(KubeList<Job>))]
[JsonSerializable(typeof(KubeList<CronJob>))]
[JsonSerializable(typeof(WatchEvent))]
[JsonSerializable(typeof(ApiStatus))]
[JsonSerializable(typeof(VersionInfo))]
[JsonSerializable(typeof(AdmissionReview))]
[JsonSerializable(typeof(JsonObject))]
[JsonSerializable(typeof(KubeList<JsonObject>))]
public sealed partial class KubeJsonContext : JsonSerializerContext;
