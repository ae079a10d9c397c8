namespace Netguard.Core.Reachability;

/// <summary>A container port of a pod, as named-port resolution sees it (protocol defaults to TCP).</summary>
public sealed record PodContainerPort(string? Name, int Number, TransportProtocol Protocol);
