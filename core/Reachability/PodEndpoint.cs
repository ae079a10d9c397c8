using System.Net;
using System.Net.Sockets;
using Netguard.Core.Kube.Models;

namespace Netguard.Core.Reachability;

/// <summary>
/// A pod as the reachability engine sees it: identity, labels, addresses (status.podIPs, else podIP),
/// container ports for named-port resolution, and whether it shares its node's network namespace.
/// </summary>
public sealed class PodEndpoint
{
    internal PodEndpoint(int index, Pod pod, bool isWorkload = false)
    {
        Index = index;
        Source = pod;
        IsWorkload = isWorkload;
        Namespace = pod.Metadata.Namespace ?? "default";
        Name = pod.Metadata.Name ?? "";
        Labels = pod.Metadata.Labels ?? new Dictionary<string, string>(StringComparer.Ordinal);
        HostNetwork = pod.Spec?.HostNetwork == true;
        NodeName = string.IsNullOrEmpty(pod.Spec?.NodeName) ? null : pod.Spec.NodeName;
        HostAddress = IPAddress.TryParse(pod.Status?.HostIP, out var host) ? host : null;
        Addresses = ReadAddresses(pod.Status);
        Ports = ReadPorts(pod.Spec);
        AddressValues = Addresses.Select(a => (a.AddressFamily, IpCidr.ToInteger(a))).ToArray();
    }

    /// <summary>
    /// Stands for the pods of a workload (made from its template, offline): a connection from it to itself is
    /// between two of those pods, which the policies judge, not a pod's connection to itself.
    /// </summary>
    public bool IsWorkload { get; }

    /// <summary>Position in <see cref="ReachabilityEngine.Pods"/>.</summary>
    public int Index { get; }

    public Pod Source { get; }

    public string Namespace { get; }

    public string Name { get; }

    /// <summary><c>namespace/name</c>.</summary>
    public string Key => $"{Namespace}/{Name}";

    public IReadOnlyDictionary<string, string> Labels { get; }

    /// <summary>
    /// hostNetwork pods are outside NetworkPolicy's reach (the documented, most common implementation):
    /// never isolated, never matched by podSelector/namespaceSelector, seen by ipBlocks as their node IP.
    /// </summary>
    public bool HostNetwork { get; }

    public string? NodeName { get; }

    /// <summary>status.hostIP: the node the pod runs on (traffic to and from it is always allowed).</summary>
    public IPAddress? HostAddress { get; }

    /// <summary>Pod IPs, primary first; empty when the manifest has none (ipBlocks cannot match it then).</summary>
    public IReadOnlyList<IPAddress> Addresses { get; }

    public IReadOnlyList<PodContainerPort> Ports { get; }

    /// <summary><see cref="Addresses"/> as integers, for matching many ipBlocks without re-reading bytes.</summary>
    internal (AddressFamily Family, UInt128 Value)[] AddressValues { get; }

    internal bool TryGetAddressValue(AddressFamily family, out UInt128 value)
    {
        foreach (var (f, v) in AddressValues)
        {
            if (f == family)
            {
                value = v;
                return true;
            }
        }

        value = default;
        return false;
    }

    public IPAddress? AddressIn(AddressFamily family)
    {
        foreach (var a in Addresses)
        {
            if (a.AddressFamily == family)
            {
                return a;
            }
        }

        return null;
    }

    /// <summary>
    /// Resolves a named port by name and (when given) protocol. Named ports in a policy always carry a
    /// protocol (TCP by default); a port name typed on the command line may leave it open.
    /// </summary>
    public PodContainerPort? FindPort(string name, TransportProtocol? protocol)
    {
        foreach (var p in Ports)
        {
            if (p.Name == name && (protocol is null || p.Protocol == protocol))
            {
                return p;
            }
        }

        return null;
    }

    public override string ToString() => Key;

    private static List<IPAddress> ReadAddresses(PodStatus? status)
    {
        var result = new List<IPAddress>();
        foreach (var text in (status?.PodIPs ?? []).Select(p => p.Ip).Prepend(status?.PodIP))
        {
            if (IPAddress.TryParse(text, out var ip) && !result.Contains(ip))
            {
                result.Add(ip);
            }
        }

        return result;
    }

    private static List<PodContainerPort> ReadPorts(PodSpec? spec)
    {
        var result = new List<PodContainerPort>();
        foreach (var container in (spec?.Containers ?? []).Concat(spec?.InitContainers ?? []))
        {
            foreach (var port in container.Ports ?? [])
            {
                // An unknown protocol cannot be matched by any policy; such a port is left out.
                if (port.Protocol is null || TransportProtocolNames.TryParse(port.Protocol, ignoreCase: false, out _))
                {
                    TransportProtocolNames.TryParse(port.Protocol ?? "TCP", ignoreCase: false, out var protocol);
                    result.Add(new PodContainerPort(string.IsNullOrEmpty(port.Name) ? null : port.Name, port.Port, protocol));
                }
            }
        }

        return result;
    }
}
