using Netguard.Core.Admission;
using Netguard.Core.Config;
using Netguard.Core.Kube.Models;

namespace Netguard.Core.Rules.Qos;

/// <summary>
/// qos-class-forbidden (SPEC §5.4): a pod asks for (CREATE) or is changed to (UPDATE) a class that nothing
/// grants it in its namespace — not the class it would get anyway, no <c>requests</c> entry, no matching
/// assignment. The <c>qos-source</c> annotation is never trusted: a user cannot annotate into control-plane.
/// Unknown classes are left to qos-class-unknown.
/// </summary>
public sealed class QosClassForbiddenRule : IAdmissionRule
{
    public RuleDescriptor Descriptor { get; } = new(
        RuleIds.QosClassForbidden,
        RulePhase.Validate,
        RuleAction.Deny,
        ["Pod"],
        [AdmissionOperation.Create, AdmissionOperation.Update],
        "pods may only carry QoS classes granted to them");

    public void Evaluate(RuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var qos = context.Config.Qos;
        if (QosClassUnknownRule.ChangedClass(context.Subject) is not { } requested
            || !qos.Classes.Any(c => c.Name == requested)
            || context.Subject.Typed is not Pod pod)
        {
            return;
        }

        var ns = context.Subject.EffectiveNamespace;
        if (!QosClassResolver.IsGranted(requested, pod, ns, qos))
        {
            context.Report($"QoS class {requested} is not granted to pods in namespace {ns} (see qos.requests)");
        }
    }
}
