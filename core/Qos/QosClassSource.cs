namespace Netguard.Core.Qos;

/// <summary>Where a pod's class came from on the node.</summary>
public enum QosClassSource
{
    /// <summary>The netguard.io/qos-class annotation names a configured class.</summary>
    Annotation,

    /// <summary>
    /// No annotation (the webhook did not see the pod, e.g. in a namespace its selector excludes such as
    /// kube-system): the first matching <c>qos.assignments</c> entry, as the webhook would have stamped it.
    /// </summary>
    Assignment,

    /// <summary>No annotation and no matching assignment: the default class.</summary>
    Default,

    /// <summary>The annotation names no configured class: the default class, with a warning.</summary>
    UnknownClass,
}
