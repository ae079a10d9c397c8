using System.Text.Json;
using System.Text.Json.Nodes;
using Netguard.Core.Kube.Models;

namespace Netguard.Core.Admission;

/// <summary>Turns a JSON object of a known kind into its typed model.</summary>
public static class KubeObjectReader
{
    public static KubeObject Read(string kind, JsonNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var ctx = KubeJsonContext.Default;
        KubeObject? result = kind switch
        {
            "Pod" => node.Deserialize(ctx.Pod),
            "Node" => node.Deserialize(ctx.Node),
            "Namespace" => node.Deserialize(ctx.Namespace),
            "NetworkPolicy" => node.Deserialize(ctx.NetworkPolicy),
            "Service" => node.Deserialize(ctx.Service),
            "ConfigMap" => node.Deserialize(ctx.ConfigMap),
            "Deployment" => node.Deserialize(ctx.Deployment),
            "StatefulSet" => node.Deserialize(ctx.StatefulSet),
            "DaemonSet" => node.Deserialize(ctx.DaemonSet),
            "ReplicaSet" => node.Deserialize(ctx.ReplicaSet),
            "Job" => node.Deserialize(ctx.Job),
            "CronJob" => node.Deserialize(ctx.CronJob),
            _ => throw new NotSupportedException($"kind {kind} is not supported"),
        };
        return result ?? throw new JsonException($"{kind} object is null");
    }

    public static bool IsSupported(string kind) => kind is "Pod" or "Node" or "Namespace" or "NetworkPolicy" or "Service"
        or "ConfigMap" or "Deployment" or "StatefulSet" or "DaemonSet" or "ReplicaSet" or "Job" or "CronJob";
}
