using System.Text.Json;
using System.Text.Json.Serialization;

namespace Netguard.Core.Kube.Models;

/// <summary>The part of Deployment, StatefulSet, DaemonSet, ReplicaSet and Job specs the product reads.</summary>
public sealed class WorkloadSpec
{
    public int? Replicas { get; set; }
    public LabelSelector? Selector { get; set; }
    public PodTemplateSpec? Template { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
