using Netguard.Core.Admission;
using Netguard.Core.Config;
using Netguard.Core.Kube.Models;

namespace Netguard.Core.Rules.ControlPlane;

/// <summary>
/// control-plane-taint (SPEC §5.1): a node matching <c>controlPlane.nodeSelector</c> carries the taint.
/// Mutate: a Node CREATE without it gets it appended. Validate: an UPDATE that removes it (from a node that
/// is a control-plane node before or after the update) is denied unless the user or one of the user's
/// groups is in <c>taintAdmins</c>.
/// </summary>
public sealed class ControlPlaneTaintRule : IAdmissionRule
{
    public RuleDescriptor Descriptor { get; } = new(
        RuleIds.ControlPlaneTaint,
        RulePhase.Mutate | RulePhase.Validate,
        RuleAction.Deny,
        ["Node"],
        [AdmissionOperation.Create, AdmissionOperation.Update],
        "control-plane nodes keep the control-plane taint");

    public void Evaluate(RuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Subject.Typed is not Node node)
        {
            return;
        }

        var cp = context.Config.ControlPlane;
        var taint = cp.Taint;
        if (context.Phase == RulePhase.Mutate)
        {
            if (context.Subject.Operation == AdmissionOperation.Create
                && ControlPlaneNodes.IsControlPlane(node, cp)
                && !ControlPlaneNodes.HasTaint(node, taint))
            {
                var ops = context.Patch.Append(["spec", "taints"], ControlPlaneNodes.TaintJson(taint));
                context.Mutate($"added taint {taint.Key}:{taint.Effect} to control-plane node {node.Metadata.Name}", ops);
            }

            return;
        }

        if (context.Subject.Operation != AdmissionOperation.Update || context.Subject.OldTyped is not Node old)
        {
            return;
        }

        var isControlPlane = ControlPlaneNodes.IsControlPlane(node, cp) || ControlPlaneNodes.IsControlPlane(old, cp);
        if (isControlPlane && ControlPlaneNodes.HasTaint(old, taint) && !ControlPlaneNodes.HasTaint(node, taint)
            && !IsTaintAdmin(context.Subject.User, cp))
        {
            context.Report($"only taintAdmins may remove taint {taint.Key}:{taint.Effect} from node {node.Metadata.Name}");
        }
    }

    private static bool IsTaintAdmin(UserInfo? user, ControlPlaneConfig cp) =>
        user is not null
        && ((user.Username is { } name && cp.TaintAdmins.Contains(name, StringComparer.Ordinal))
            || (user.Groups ?? []).Any(g => cp.TaintAdmins.Contains(g, StringComparer.Ordinal)));
}
