using System.Net;
using System.Net.Sockets;
using Netguard.Core.Kube.Models;

namespace Netguard.Core.Reachability;

/// <summary>
/// One ingress or egress rule: the peers it allows (ORed; absent or empty = everything) and the ports
/// (ORed; absent or empty = every port). Peers the API would reject compile to "matches nothing".
/// </summary>
internal sealed class CompiledRule
{
    public CompiledRule(
        int id,
        RuleRef reference,
        bool anyPeer,
        PodSet selectorPeers,
        IReadOnlyList<CompiledIpBlock> ipBlocks,
        bool anyPort,
        IReadOnlyList<CompiledPort> ports,
        IReadOnlyList<NetworkPolicyPeer> sourcePeers,
        IReadOnlyList<NetworkPolicyPort> sourcePorts)
    {
        Id = id;
        Reference = reference;
        AnyPeer = anyPeer;
        SelectorPeers = selectorPeers;
        IpBlocks = ipBlocks;
        AnyPort = anyPort;
        Ports = ports;
        SourcePeers = sourcePeers;
        SourcePorts = sourcePorts;
    }

    /// <summary>Dense id across all compiled rules, for per-rule caches.</summary>
    public int Id { get; }

    public RuleRef Reference { get; }

    /// <summary>No peers listed: every pod and every address.</summary>
    public bool AnyPeer { get; }

    /// <summary>Pods matched by the podSelector/namespaceSelector peers (never hostNetwork pods).</summary>
    public PodSet SelectorPeers { get; }

    public IReadOnlyList<CompiledIpBlock> IpBlocks { get; }

    public bool AnyPort { get; }

    public IReadOnlyList<CompiledPort> Ports { get; }

    public IReadOnlyList<NetworkPolicyPeer> SourcePeers { get; }

    public IReadOnlyList<NetworkPolicyPort> SourcePorts { get; }

    public bool AllowsPort(int number, TransportProtocol protocol, PodEndpoint? destination)
    {
        if (AnyPort)
        {
            return true;
        }

        foreach (var p in Ports)
        {
            if (p.Allows(number, protocol, destination))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether the peer at the other end (a pod and/or the address it uses) is allowed.</summary>
    public bool AllowsPeer(PodEndpoint? pod, IPAddress? address)
    {
        if (AnyPeer || (pod is not null && SelectorPeers.Contains(pod.Index)))
        {
            return true;
        }

        return address is not null && InIpBlocks(address);
    }

    public bool InIpBlocks(AddressFamily family, UInt128 value)
    {
        foreach (var block in IpBlocks)
        {
            if (block.Contains(family, value))
            {
                return true;
            }
        }

        return false;
    }

    public bool InIpBlocks(IPAddress address)
    {
        foreach (var block in IpBlocks)
        {
            if (block.Contains(address))
            {
                return true;
            }
        }

        return false;
    }
}
