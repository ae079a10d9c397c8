using System.Globalization;

namespace Netguard.Core.Config;

/// <summary>
/// A rate from the config: a percentage of the link ("20%") or an absolute rate in bits per second
/// ("200mbit", "1gbit", "500kbit", "1500000"). Units are decimal, as in tc(8): 1kbit = 1000 bit/s.
/// </summary>
public readonly record struct RateSpec
{
    private RateSpec(double? percent, long? bitsPerSecond)
    {
        Percent = percent;
        BitsPerSecond = bitsPerSecond;
    }

    /// <summary>Share of the link in percent (0–100), or null for an absolute rate.</summary>
    public double? Percent { get; }

    /// <summary>Absolute rate in bits per second, or null for a percentage.</summary>
    public long? BitsPerSecond { get; }

    public bool IsPercent => Percent.HasValue;

    public static RateSpec FromPercent(double percent) => new(percent, null);

    public static RateSpec FromBitsPerSecond(long bitsPerSecond) => new(null, bitsPerSecond);

    /// <summary>Bits per second on a link of <paramref name="linkBitsPerSecond"/>.</summary>
    public long Resolve(long linkBitsPerSecond) =>
        BitsPerSecond ?? (long)Math.Round(linkBitsPerSecond * Percent.GetValueOrDefault() / 100.0, MidpointRounding.AwayFromZero);

    public static RateSpec Parse(string text) =>
        TryParse(text, out var rate, out var error) ? rate : throw new FormatException(error);

    public static bool TryParse(string? text, out RateSpec rate, out string error)
    {
        rate = default;
        var s = text?.Trim() ?? "";
        if (s.Length == 0)
        {
            error = "empty rate";
            return false;
        }

        if (s.EndsWith('%'))
        {
            if (double.TryParse(s[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var pct) && pct >= 0 && pct <= 100 && double.IsFinite(pct))
            {
                rate = FromPercent(pct);
                error = "";
                return true;
            }

            error = $"invalid percentage \"{s}\" (want 0%–100%)";
            return false;
        }

        var unitStart = s.Length;
        while (unitStart > 0 && char.IsLetter(s[unitStart - 1]))
        {
            unitStart--;
        }

        long multiplier = s[unitStart..].ToLowerInvariant() switch
        {
            "" or "bit" => 1,
            "kbit" => 1_000,
            "mbit" => 1_000_000,
            "gbit" => 1_000_000_000,
            "tbit" => 1_000_000_000_000,
            _ => 0,
        };
        if (multiplier == 0)
        {
            error = $"invalid rate \"{s}\" (units: bit, kbit, mbit, gbit, tbit, or %)";
            return false;
        }

        if (!decimal.TryParse(s[..unitStart], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number) || number <= 0)
        {
            error = $"invalid rate \"{s}\" (want a positive number with a unit, e.g. 200mbit)";
            return false;
        }

        var bits = number * multiplier;
        if (bits > long.MaxValue || bits < 1)
        {
            error = $"rate \"{s}\" is out of range";
            return false;
        }

        rate = FromBitsPerSecond((long)bits);
        error = "";
        return true;
    }

    public override string ToString() =>
        Percent is { } p ? p.ToString(CultureInfo.InvariantCulture) + "%" : FormatBits(BitsPerSecond.GetValueOrDefault());

    /// <summary>Shortest exact tc spelling: 1gbit, 200mbit, 1500kbit, 1234bit.</summary>
    public static string FormatBits(long bitsPerSecond)
    {
        foreach (var (unit, factor) in Units)
        {
            if (bitsPerSecond >= factor && bitsPerSecond % factor == 0)
            {
                return (bitsPerSecond / factor).ToString(CultureInfo.InvariantCulture) + unit;
            }
        }

        return bitsPerSecond.ToString(CultureInfo.InvariantCulture) + "bit";
    }

    private static readonly (string Unit, long Factor)[] Units =
    [
        ("tbit", 1_000_000_000_000), ("gbit", 1_000_000_000), ("mbit", 1_000_000), ("kbit", 1_000),
    ];
}
