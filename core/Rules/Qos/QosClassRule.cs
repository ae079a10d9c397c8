using System.Text.Json.Nodes;
using Netguard.Core.Admission;
using Netguard.Core.Config;
using Netguard.Core.Kube.Models;

namespace Netguard.Core.Rules.Qos;

/// <summary>
/// qos-class (SPEC §5.4, mutation): a pod without <c>netguard.io/qos-class</c> gets the class of the first
/// matching assignment, else <c>defaultClass</c>, and <c>netguard.io/qos-source</c> says which. A pod that
/// has a class keeps it (validation decides whether it may); only its source is fixed up: "requested" for a
/// class the user chose, the stamp's own source when the class is what the assignments give anyway.
/// </summary>
public sealed class QosClassRule : IAdmissionRule
{
    public RuleDescriptor Descriptor { get; } = new(
        RuleIds.QosClass,
        RulePhase.Mutate,
        RuleAction.On,
        ["Pod"],
        [AdmissionOperation.Create, AdmissionOperation.Update],
        "stamps every pod with a QoS class and its source");

    public void Evaluate(RuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Subject.Typed is not Pod pod)
        {
            return;
        }

        var ns = context.Subject.EffectiveNamespace;
        var computed = QosClassResolver.Resolve(pod, ns, context.Config.Qos);
        var patch = context.Patch;
        var current = QosClassResolver.RequestedClass(pod);
        if (current is null)
        {
            var ops = patch.Set(["metadata", "annotations", QosAnnotations.Class], JsonValue.Create(computed.Class))
                .Concat(patch.Set(["metadata", "annotations", QosAnnotations.Source], JsonValue.Create(computed.Source)))
                .ToList();
            context.Mutate($"set {QosAnnotations.Class}={computed.Class} ({computed.Source})", ops);
            return;
        }

        var source = pod.Metadata.Annotations?.GetValueOrDefault(QosAnnotations.Source);
        var desired = DesiredSource(context.Subject, current, source, computed);
        if (desired != source)
        {
            var ops = patch.Set(["metadata", "annotations", QosAnnotations.Source], JsonValue.Create(desired));
            context.Mutate($"kept {QosAnnotations.Class}={current}; set {QosAnnotations.Source}={desired}", ops);
        }
    }

    private static string DesiredSource(AdmissionSubject subject, string current, string? source, QosStamp computed)
    {
        // An UPDATE that leaves the class alone keeps whatever source explained it.
        var unchanged = subject.Operation == AdmissionOperation.Update
            && QosClassResolver.RequestedClass(subject.OldTyped as Pod) == current;
        if ((unchanged && !string.IsNullOrEmpty(source)) || source == QosAnnotations.SourceRequested)
        {
            return source!;
        }

        return QosAnnotations.IsStamped(source) && current == computed.Class ? computed.Source : QosAnnotations.SourceRequested;
    }
}
