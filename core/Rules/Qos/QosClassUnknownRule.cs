using Netguard.Core.Admission;
using Netguard.Core.Config;
using Netguard.Core.Kube.Models;

namespace Netguard.Core.Rules.Qos;

/// <summary>
/// qos-class-unknown (SPEC §5.4): the class annotation names no configured class. On UPDATE only a changed
/// class is judged, so pods whose class was later removed from the config can still be updated (finalizers).
/// </summary>
public sealed class QosClassUnknownRule : IAdmissionRule
{
    private const int MaxClassesShown = 6;

    public RuleDescriptor Descriptor { get; } = new(
        RuleIds.QosClassUnknown,
        RulePhase.Validate,
        RuleAction.Deny,
        ["Pod"],
        [AdmissionOperation.Create, AdmissionOperation.Update],
        "the QoS class annotation must name a configured class");

    public void Evaluate(RuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (ChangedClass(context.Subject) is not { } requested)
        {
            return;
        }

        var classes = context.Config.Qos.Classes;
        if (!classes.Any(c => c.Name == requested))
        {
            var known = string.Join(", ", classes.Take(MaxClassesShown).Select(c => c.Name));
            context.Report($"unknown QoS class \"{Shorten(requested)}\" (classes: {known})");
        }
    }

    /// <summary>The pod's class when this request sets it: always on CREATE, on UPDATE when it differs from the old one.</summary>
    internal static string? ChangedClass(AdmissionSubject subject)
    {
        if (subject.Typed is not Pod pod || QosClassResolver.RequestedClass(pod) is not { } requested)
        {
            return null;
        }

        return subject.Operation == AdmissionOperation.Update && QosClassResolver.RequestedClass(subject.OldTyped as Pod) == requested
            ? null
            : requested;
    }

    private static string Shorten(string s) => s.Length <= 40 ? s : s[..37] + "...";
}
