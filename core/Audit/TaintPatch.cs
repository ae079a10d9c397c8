using System.Text.Json.Nodes;
using Netguard.Core.Config;
using Netguard.Core.JsonPatch;
using Netguard.Core.Kube.Models;
using Netguard.Core.Rules.ControlPlane;

namespace Netguard.Core.Audit;

/// <summary>
/// The RFC 6902 patch `taints --fix` sends to give a node the configured taint: append it to
/// <c>spec.taints</c> (create the list, or spec, when there is none), guarded by a <c>test</c> of the node's
/// resourceVersion so a node changed since it was read is never overwritten — the server then refuses the
/// patch and the caller reads the node again. Other taints are never touched. Empty when the node has the taint.
/// </summary>
public static class TaintPatch
{
    public static IReadOnlyList<JsonPatchOperation> For(Node node, TaintConfig taint)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(taint);
        if (ControlPlaneNodes.HasTaint(node, taint))
        {
            return [];
        }

        var value = ControlPlaneNodes.TaintJson(taint);
        var ops = new List<JsonPatchOperation>();
        if (node.Metadata.ResourceVersion is { Length: > 0 } version)
        {
            ops.Add(JsonPatchOperation.Test("/metadata/resourceVersion", JsonValue.Create(version)));
        }

        ops.Add(node.Spec switch
        {
            { Taints: not null } => JsonPatchOperation.Add("/spec/taints/-", value),
            not null => JsonPatchOperation.Add("/spec/taints", new JsonArray(value)),
            null => JsonPatchOperation.Add("/spec", new JsonObject { ["taints"] = new JsonArray(value) }),
        });
        return ops;
    }
}
