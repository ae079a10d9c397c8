using Netguard.Core.Admission;
using Netguard.Core.Config;
using Netguard.Core.Kube.Models;

namespace Netguard.Core.Rules.ControlPlane;

/// <summary>
/// control-plane-pinning (SPEC §5.1): a pod outside <c>allowedNamespaces</c> must not target control-plane
/// nodes through <c>spec.nodeName</c>, <c>nodeSelector</c> or required node affinity.
/// With known nodes (and at least one worker among them) the constraints are evaluated against the nodes:
/// pinned when some node satisfies them and every such node is a control-plane node. Otherwise (no
/// nodes known, only control-plane nodes known, or no node satisfies them) the check is structural:
/// the constraints force the labels of <c>controlPlane.nodeSelector</c>. In `audit`, a running pod's
/// <c>spec.nodeName</c> is where the scheduler put it, so a business pod on a control-plane node is
/// reported by the same nodeName check.
/// </summary>
public sealed class ControlPlanePinningRule : IAdmissionRule
{
    private const int MaxNamesShown = 3;

    public RuleDescriptor Descriptor { get; } = new(
        RuleIds.ControlPlanePinning,
        RulePhase.Validate,
        RuleAction.Deny,
        ["Pod"],
        [AdmissionOperation.Create],
        "pods outside controlPlane.allowedNamespaces must not be pinned to control-plane nodes");

    public void Evaluate(RuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Subject.Typed is not Pod { Spec: { } spec } pod)
        {
            return;
        }

        var cp = context.Config.ControlPlane;
        if (ControlPlaneNodes.IsExempt(pod, context.Subject.EffectiveNamespace, cp))
        {
            return;
        }

        var cluster = context.Cluster;
        if (!string.IsNullOrEmpty(spec.NodeName)
            && cluster.HasNodes
            && cluster.FindNode(spec.NodeName) is { } target
            && ControlPlaneNodes.IsControlPlane(target, cp))
        {
            context.Report($"spec.nodeName puts the pod on control-plane node {spec.NodeName}");
            return;
        }

        if (!PodPlacement.HasNodeConstraints(spec))
        {
            return;
        }

        var what = spec.NodeSelector is { Count: > 0 }
            ? spec.Affinity?.NodeAffinity?.RequiredDuringSchedulingIgnoredDuringExecution is null ? "nodeSelector" : "nodeSelector and nodeAffinity"
            : "required nodeAffinity";

        if (cluster.HasNodes && cluster.Nodes.Any(n => !ControlPlaneNodes.IsControlPlane(n, cp)))
        {
            var satisfying = cluster.Nodes.Where(n => PodPlacement.Satisfies(spec, n)).ToList();
            if (satisfying.Count > 0)
            {
                if (satisfying.All(n => ControlPlaneNodes.IsControlPlane(n, cp)))
                {
                    context.Report($"{what} matches only control-plane nodes: {Names(satisfying)}");
                }

                return;
            }
        }

        if (PodPlacement.ForcesControlPlane(spec, cp))
        {
            context.Report($"{what} requires the control-plane node label {Label(cp)}");
        }
    }

    private static string Names(List<Node> nodes)
    {
        var names = string.Join(", ", nodes.Take(MaxNamesShown).Select(n => n.Metadata.Name));
        return nodes.Count > MaxNamesShown ? $"{names} (+{nodes.Count - MaxNamesShown} more)" : names;
    }

    private static string Label(ControlPlaneConfig cp)
    {
        var (key, value) = cp.NodeSelector.First();
        return value.Length == 0 ? key : $"{key}={value}";
    }
}
