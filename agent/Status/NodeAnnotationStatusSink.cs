using System.Text.Json.Nodes;
using Netguard.Core.Kube.Client;
using Netguard.Core.Kube.Resources;
using Netguard.Core.Qos;

namespace Netguard.Agent.Status;

/// <summary>
/// Writes the status into the agent's own Node as the netguard.io/agent-status annotation with a JSON merge
/// patch (RFC 7386): only that key changes, so it never races with the kubelet's or anyone else's writes.
/// </summary>
public sealed class NodeAnnotationStatusSink(IKubeClient client, string nodeName) : IStatusSink
{
    public Task WriteAsync(string json, CancellationToken cancellationToken)
    {
        var patch = new JsonObject
        {
            ["metadata"] = new JsonObject { ["annotations"] = new JsonObject { [AgentStatus.Annotation] = json } },
        };
        return client.PatchAsync(KubeResourceTypes.Nodes, null, nodeName, KubePatch.Merge(patch), cancellationToken: cancellationToken);
    }
}
