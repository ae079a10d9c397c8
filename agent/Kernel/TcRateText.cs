using System.Globalization;

namespace Netguard.Agent.Kernel;

/// <summary>
/// Rates as iproute2's tc prints them (tc_util.c print_rate): the kernel's bytes per second times 8,
/// divided by 1000 while the number is ≥ 1000 and either divides evenly or is ≥ 10^6, then "K"/"M"/"G"/"T".
/// So 333333328 bit/s prints as "333333Kbit". Comparing planned rates in this form compares exactly
/// what a read-back can tell.
/// </summary>
public static class TcRateText
{
    private static readonly string[] Units = ["", "K", "M", "G", "T"];

    public static string Format(long bitsPerSecond)
    {
        var rate = (ulong)(bitsPerSecond / 8) * 8;
        var i = 0;
        for (; i < Units.Length - 1; i++)
        {
            if (rate < 1000 || (rate % 1000 != 0 && rate < 1000 * 1000))
            {
                break;
            }

            rate /= 1000;
        }

        return rate.ToString(CultureInfo.InvariantCulture) + Units[i] + "bit";
    }

    /// <summary>Bits per second from tc's text ("200Mbit", "1234Kbit", "8bit"); approximate where tc truncated.</summary>
    public static bool TryParse(string text, out long bitsPerSecond)
    {
        bitsPerSecond = 0;
        if (!text.EndsWith("bit", StringComparison.Ordinal))
        {
            return false;
        }

        var number = text[..^3];
        long factor = 1;
        if (number.Length > 0 && char.IsLetter(number[^1]))
        {
            factor = number[^1] switch { 'K' => 1_000, 'M' => 1_000_000, 'G' => 1_000_000_000, 'T' => 1_000_000_000_000, _ => 0 };
            number = number[..^1];
        }

        if (factor == 0 || !long.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            return false;
        }

        bitsPerSecond = value * factor;
        return true;
    }
}
