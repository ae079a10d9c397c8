using System.Text.Json.Nodes;
using Netguard.Core.Config;
using Netguard.Core.Kube.Models;
using Netguard.Core.Kube.Resources;
using Netguard.Core.Rules;
using Netguard.Core.Rules.Qos;

namespace Netguard.Plugin.Commands.Qos;

/// <summary>
/// One line of <c>qos get</c>: a pod, or a workload's pod template, with its class and <c>netguard.io/qos-source</c>.
/// A pod or template without the class annotation shows what the webhook would stamp (<see cref="Annotated"/>
/// false); a class the config does not define has <see cref="KnownClass"/> false.
/// </summary>
internal sealed record QosRow(
    KubeResource Resource,
    string Namespace,
    string Name,
    string Class,
    string Source,
    bool Annotated,
    bool KnownClass,
    string? Node,
    string? PriorityClassName,
    string? ControlledBy)
{
    public bool IsPod => Resource == KubeResource.Pods;

    public string Display => QosTarget.Describe(Resource, Name);

    /// <summary>CLASS with its marker: "!" not a configured class, "*" a pod not stamped yet.</summary>
    public string MarkedClass => !KnownClass ? Class + "!" : IsPod && !Annotated ? Class + "*" : Class;

    public static QosRow ForPod(Pod pod, QosConfig qos)
    {
        ArgumentNullException.ThrowIfNull(pod);
        ArgumentNullException.ThrowIfNull(qos);
        var ns = pod.Metadata.Namespace ?? "default";
        var (cls, source, annotated, known) = Classify(pod, ns, qos);
        var owner = ControllerReference.Of(pod);
        return new QosRow(
            KubeResource.Pods,
            ns,
            pod.Metadata.Name ?? "",
            cls,
            source,
            annotated,
            known,
            pod.Spec?.NodeName,
            pod.Spec?.PriorityClassName,
            owner is null ? null : $"{owner.Kind}/{owner.Name}");
    }

    /// <param name="template">The workload's pod template as a Pod (PodTemplateAdmission.ToPod).</param>
    public static QosRow ForTemplate(KubeResource resource, string ns, string name, Pod template, QosConfig qos)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(qos);
        var (cls, source, annotated, known) = Classify(template, ns, qos);
        return new QosRow(resource, ns, name, cls, source, annotated, known, null, template.Spec?.PriorityClassName, null);
    }

    public JsonObject ToJson()
    {
        var json = new JsonObject
        {
            ["kind"] = Resource.Kind,
            ["namespace"] = Namespace,
            ["name"] = Name,
            ["class"] = Class,
            ["source"] = Source,
            ["annotated"] = Annotated,
            ["knownClass"] = KnownClass,
        };
        if (IsPod)
        {
            json["node"] = Node;
            json["controlledBy"] = ControlledBy;
        }

        json["priorityClassName"] = PriorityClassName;
        return json;
    }

    private static (string Class, string Source, bool Annotated, bool Known) Classify(Pod pod, string ns, QosConfig qos)
    {
        if (QosClassResolver.RequestedClass(pod) is not { } requested)
        {
            var stamp = QosClassResolver.Resolve(pod, ns, qos);
            return (stamp.Class, stamp.Source, false, true);
        }

        var source = pod.Metadata.Annotations?.GetValueOrDefault(QosAnnotations.Source) is { Length: > 0 } s ? s : "-";
        return (requested, source, true, qos.Classes.Any(c => c.Name == requested));
    }
}
