using System.Net;

namespace Netguard.Core.Qos;

/// <summary>Orders addresses numerically (IPv4 before IPv6), the order nft prints set elements in.</summary>
public sealed class AddressOrder : IComparer<IPAddress>
{
    public static AddressOrder Instance { get; } = new();

    public int Compare(IPAddress? x, IPAddress? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null || y is null)
        {
            return x is null ? -1 : 1;
        }

        var family = x.AddressFamily.CompareTo(y.AddressFamily);
        return family != 0 ? family : x.GetAddressBytes().AsSpan().SequenceCompareTo(y.GetAddressBytes());
    }
}
