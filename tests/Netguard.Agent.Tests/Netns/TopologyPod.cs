namespace Netguard.Agent.Tests.Netns;

/// <summary>A pod namespace: its name, its addresses and the host-side veth in the node namespace.</summary>
internal sealed record TopologyPod(string Namespace, string Name, string IPv4, string IPv6, string HostVeth);
