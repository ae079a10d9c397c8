using System.Net;

namespace Netguard.Core.Reachability;

/// <summary>One end of a probed connection: a pod of the snapshot, or an address outside it.</summary>
public sealed class ReachEndpoint
{
    private ReachEndpoint(PodEndpoint? pod, IPAddress? address)
    {
        Pod = pod;
        Address = address;
    }

    public PodEndpoint? Pod { get; }

    /// <summary>The address given for a non-pod endpoint.</summary>
    public IPAddress? Address { get; }

    public bool IsPod => Pod is not null;

    public static ReachEndpoint ForPod(PodEndpoint pod)
    {
        ArgumentNullException.ThrowIfNull(pod);
        return new(pod, null);
    }

    /// <summary>An address that belongs to no (non-hostNetwork) pod: outside the cluster, a node, a Service IP.</summary>
    public static ReachEndpoint ForAddress(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return new(null, address);
    }

    public override string ToString() => Pod?.Key ?? Address!.ToString();
}
