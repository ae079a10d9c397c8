namespace Netguard.Core.Qos;

/// <summary>Where a pod's class came from on the node.</summary>
public enum QosClassSource
{
    /// <summary>The netguard.io/qos-class annotation names a configured class.</summary>
    Annotation,

    /// <summary>No annotation (the webhook did not see the pod): the default class.</summary>
    Default,

    /// <summary>The annotation names no configured class: the default class, with a warning.</summary>
    UnknownClass,
}
