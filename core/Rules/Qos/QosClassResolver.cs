using Netguard.Core.Config;
using Netguard.Core.Kube.Models;
using Netguard.Core.Selectors;

namespace Netguard.Core.Rules.Qos;

/// <summary>
/// Which QoS class a pod gets (SPEC §4 <c>qos.assignments</c>: first match wins, fields ANDed, absent or
/// empty = any; else <c>defaultClass</c>) and which classes it may ask for.
/// </summary>
public static class QosClassResolver
{
    public static QosStamp Resolve(Pod pod, string ns, QosConfig config)
    {
        ArgumentNullException.ThrowIfNull(pod);
        ArgumentNullException.ThrowIfNull(config);
        for (var i = 0; i < config.Assignments.Count; i++)
        {
            var a = config.Assignments[i];
            if (Matches(a, pod, ns))
            {
                var id = string.IsNullOrEmpty(a.Name) ? i.ToString(System.Globalization.CultureInfo.InvariantCulture) : a.Name;
                return new QosStamp(a.Class, QosAnnotations.SourceAssignmentPrefix + id);
            }
        }

        return new QosStamp(config.DefaultClass, QosAnnotations.SourceDefault);
    }

    public static bool Matches(QosAssignment assignment, Pod pod, string ns)
    {
        ArgumentNullException.ThrowIfNull(assignment);
        ArgumentNullException.ThrowIfNull(pod);
        return NamespaceList.ContainsOrEmpty(assignment.Namespaces, ns)
            && (assignment.PriorityClassNames is not { Count: > 0 } names
                || names.Contains(pod.Spec?.PriorityClassName ?? "", StringComparer.Ordinal))
            && LabelSelectorMatcher.MatchesLabels(assignment.MatchLabels, pod.Metadata.Labels);
    }

    /// <summary>
    /// True when the pod may carry <paramref name="className"/>: it is the class the pod would get anyway, a
    /// <c>requests</c> entry grants it in the namespace, or an assignment for it matches the pod.
    /// </summary>
    public static bool IsGranted(string className, Pod pod, string ns, QosConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return Resolve(pod, ns, config).Class == className
            || config.Requests.Any(r => r.Class == className && NamespaceList.Contains(r.Namespaces, ns))
            || config.Assignments.Any(a => a.Class == className && Matches(a, pod, ns));
    }

    /// <summary>The pod's class annotation, or null when absent or empty.</summary>
    public static string? RequestedClass(Pod? pod) =>
        pod?.Metadata.Annotations?.GetValueOrDefault(QosAnnotations.Class) is { Length: > 0 } c ? c : null;
}
