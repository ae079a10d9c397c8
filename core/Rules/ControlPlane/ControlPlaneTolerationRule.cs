using Netguard.Core.Admission;
using Netguard.Core.Config;
using Netguard.Core.Kube.Models;

namespace Netguard.Core.Rules.ControlPlane;

/// <summary>
/// control-plane-toleration (SPEC §5.1): a pod outside <c>allowedNamespaces</c> must not tolerate the
/// control-plane taint — the configured key, the legacy master key, or a key-less <c>Exists</c>.
/// A toleration counts when Kubernetes would let it tolerate the configured taint (key, value and
/// effect): one limited to <c>NoExecute</c> does not lift a <c>NoSchedule</c> taint, so it does not count.
/// On UPDATE only tolerations the update adds are judged, so an old pod can still be updated (finalizers).
/// </summary>
public sealed class ControlPlaneTolerationRule : IAdmissionRule
{
    public RuleDescriptor Descriptor { get; } = new(
        RuleIds.ControlPlaneToleration,
        RulePhase.Validate,
        RuleAction.Deny,
        ["Pod"],
        [AdmissionOperation.Create, AdmissionOperation.Update],
        "pods outside controlPlane.allowedNamespaces must not tolerate the control-plane taint");

    public void Evaluate(RuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Subject.Typed is not Pod pod || pod.Spec?.Tolerations is not { Count: > 0 } tolerations)
        {
            return;
        }

        var cp = context.Config.ControlPlane;
        if (ControlPlaneNodes.IsExempt(pod, context.Subject.EffectiveNamespace, cp))
        {
            return;
        }

        var before = (context.Subject.OldTyped as Pod)?.Spec?.Tolerations ?? [];
        for (var i = 0; i < tolerations.Count; i++)
        {
            var t = tolerations[i];
            if (before.Any(b => TolerationMatcher.SameAs(b, t)))
            {
                continue;
            }

            if (Describe(i, t, cp.Taint) is { } message)
            {
                context.Report(message);
            }
        }
    }

    private static string? Describe(int index, Toleration t, TaintConfig taint)
    {
        if (string.IsNullOrEmpty(t.Key) && t.Operator == "Exists"
            && TolerationMatcher.Tolerates(t, taint.Key, taint.Value, taint.Effect))
        {
            return string.IsNullOrEmpty(t.Effect)
                ? $"toleration[{index}] (Exists, no key) tolerates every taint, the control-plane taint included"
                : $"toleration[{index}] (Exists, no key, {t.Effect}) tolerates the control-plane taint {taint.Key}";
        }

        if (TolerationMatcher.Tolerates(t, taint.Key, taint.Value, taint.Effect))
        {
            return $"toleration[{index}] tolerates the control-plane taint {taint.Key}:{taint.Effect}";
        }

        if (TolerationMatcher.Tolerates(t, ControlPlaneNodes.LegacyTaintKey, taint.Value, taint.Effect))
        {
            return $"toleration[{index}] tolerates the legacy control-plane taint {ControlPlaneNodes.LegacyTaintKey}:{taint.Effect}";
        }

        return null;
    }
}
