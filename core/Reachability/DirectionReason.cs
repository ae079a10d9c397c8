namespace Netguard.Core.Reachability;

/// <summary>Why one side (egress of the source, ingress of the destination) allows or denies a connection.</summary>
public enum DirectionReason
{
    /// <summary>No policy isolates the pod in this direction: everything is allowed.</summary>
    NotIsolated,

    /// <summary>The pod is isolated and at least one rule of its policies allows the connection.</summary>
    AllowedByRule,

    /// <summary>The pod is isolated and no rule of its policies allows the connection.</summary>
    NoRuleAllows,

    /// <summary>This end is an address, not a pod: no NetworkPolicy applies to it.</summary>
    NotAPod,

    /// <summary>This end is a hostNetwork pod: NetworkPolicy does not apply to it.</summary>
    HostNetwork,

    /// <summary>A pod cannot block access to itself.</summary>
    Loopback,

    /// <summary>Traffic between a pod and the node it runs on is always allowed.</summary>
    OwnNode,
}
