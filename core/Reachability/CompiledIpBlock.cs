using System.Net;
using System.Net.Sockets;

namespace Netguard.Core.Reachability;

/// <summary>An ipBlock peer: inside <see cref="Cidr"/> and outside every <see cref="Except"/> block.</summary>
internal sealed record CompiledIpBlock(IpCidr Cidr, IReadOnlyList<IpCidr> Except)
{
    /// <summary>Equal for blocks that match the same addresses as written (rules repeat blocks a lot).</summary>
    public string Key { get; } = Cidr + (Except.Count == 0 ? "" : " except " + string.Join(',', Except));

    public bool Contains(AddressFamily family, UInt128 value)
    {
        if (family != Cidr.Family || !Cidr.Contains(value))
        {
            return false;
        }

        foreach (var e in Except)
        {
            if (e.Contains(value))
            {
                return false;
            }
        }

        return true;
    }

    public bool Contains(IPAddress address)
    {
        if (!Cidr.Contains(address))
        {
            return false;
        }

        foreach (var e in Except)
        {
            if (e.Contains(address))
            {
                return false;
            }
        }

        return true;
    }
}
