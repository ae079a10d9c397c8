using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Netguard.Core.Reachability;

/// <summary>
/// An IPv4 or IPv6 CIDR block. Like the API server (netutils.ParseCIDRSloppy), host bits after the
/// prefix are accepted and masked off: <c>10.0.0.1/8</c> is <c>10.0.0.0/8</c>.
/// </summary>
public readonly record struct IpCidr
{
    private IpCidr(AddressFamily family, UInt128 network, int prefixLength)
    {
        Family = family;
        Network = network;
        PrefixLength = prefixLength;
    }

    public AddressFamily Family { get; }

    /// <summary>The network address as an integer (IPv4 in the low 32 bits).</summary>
    public UInt128 Network { get; }

    public int PrefixLength { get; }

    private int Width => Family == AddressFamily.InterNetwork ? 32 : 128;

    public static bool TryParse(string? text, out IpCidr cidr, out string error)
    {
        cidr = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "empty CIDR";
            return false;
        }

        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0)
        {
            error = $"invalid CIDR \"{text}\": no prefix length (want e.g. 10.0.0.0/8)";
            return false;
        }

        var addressText = text[..slash];
        var prefixText = text[(slash + 1)..];
        if (addressText.Contains('%', StringComparison.Ordinal)
            || !IPAddress.TryParse(addressText, out var address)
            || address.AddressFamily is not (AddressFamily.InterNetwork or AddressFamily.InterNetworkV6)
            || (address.AddressFamily == AddressFamily.InterNetwork && addressText.Count(c => c == '.') != 3))
        {
            error = $"invalid CIDR \"{text}\": \"{addressText}\" is not an IP address";
            return false;
        }

        var width = address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
        if (prefixText.Length == 0 || prefixText.Length > 3 || !prefixText.All(char.IsAsciiDigit)
            || !int.TryParse(prefixText, NumberStyles.None, CultureInfo.InvariantCulture, out var prefix) || prefix > width)
        {
            error = $"invalid CIDR \"{text}\": prefix length must be 0-{width}";
            return false;
        }

        cidr = new IpCidr(address.AddressFamily, ToInteger(address) & Mask(prefix, width), prefix);
        error = "";
        return true;
    }

    public static IpCidr Parse(string text) =>
        TryParse(text, out var cidr, out var error) ? cidr : throw new FormatException(error);

    /// <summary>The address as an integer in its family (IPv4 in the low 32 bits).</summary>
    public static UInt128 ToInteger(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out var written);
        UInt128 value = 0;
        for (var i = 0; i < written; i++)
        {
            value = (value << 8) | bytes[i];
        }

        return value;
    }

    public bool Contains(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return address.AddressFamily == Family && Contains(ToInteger(address));
    }

    /// <summary>Whether an address of this block's family (as an integer) lies inside it.</summary>
    internal bool Contains(UInt128 value) => (value & Mask(PrefixLength, Width)) == Network;

    /// <summary>Whether <paramref name="other"/> lies inside this block and is smaller (ipBlock.except must be).</summary>
    public bool StrictlyContains(IpCidr other) =>
        other.Family == Family && other.PrefixLength > PrefixLength && Contains(other.Network);

    public override string ToString()
    {
        var bytes = new byte[Width / 8];
        var value = Network;
        for (var i = bytes.Length - 1; i >= 0; i--)
        {
            bytes[i] = (byte)(value & 0xff);
            value >>= 8;
        }

        return $"{new IPAddress(bytes)}/{PrefixLength.ToString(CultureInfo.InvariantCulture)}";
    }

    private static UInt128 Mask(int prefix, int width) =>
        prefix == 0 ? UInt128.Zero : (UInt128.MaxValue << (128 - prefix)) >> (128 - width);
}
