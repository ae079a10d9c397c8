using System.Globalization;

namespace Netguard.Core.Qos;

/// <summary>
/// A tc handle or classid, MAJOR:MINOR in hex as tc(8) writes it ("6e67:", "6e67:10").
/// The kernel packs it into 32 bits: major in the upper 16, minor in the lower 16.
/// </summary>
public readonly record struct TcHandle(ushort Major, ushort Minor)
{
    /// <summary>The agent's ownership mark: every qdisc and class it owns has major 0x6e67 ("ng").</summary>
    public const ushort NetguardMajor = 0x6e67;

    public static TcHandle NetguardRoot => new(NetguardMajor, 0);

    public uint Value => ((uint)Major << 16) | Minor;

    public override string ToString() =>
        Minor == 0
            ? Major.ToString("x", CultureInfo.InvariantCulture) + ":"
            : Major.ToString("x", CultureInfo.InvariantCulture) + ":" + Minor.ToString("x", CultureInfo.InvariantCulture);

    public static TcHandle Parse(string text) =>
        TryParse(text, out var handle) ? handle : throw new FormatException($"invalid tc handle \"{text}\"");

    /// <summary>Parses "6e67:10", "6e67:", "6e67", ":1" (major 0) and "0x6e67:0x10".</summary>
    public static bool TryParse(string? text, out TcHandle handle)
    {
        handle = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var s = text.Trim();
        var colon = s.IndexOf(':', StringComparison.Ordinal);
        var majorText = colon < 0 ? s : s[..colon];
        var minorText = colon < 0 ? "" : s[(colon + 1)..];
        if (!TryParseHex(majorText, out var major) || !TryParseHex(minorText, out var minor))
        {
            return false;
        }

        handle = new TcHandle(major, minor);
        return true;
    }

    private static bool TryParseHex(string text, out ushort value)
    {
        value = 0;
        if (text.Length == 0)
        {
            return true;
        }

        if (text.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            text = text[2..];
        }

        return text.Length is > 0 and <= 4 && ushort.TryParse(text, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value);
    }
}
