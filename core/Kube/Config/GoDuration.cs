using System.Globalization;

namespace Netguard.Core.Kube.Config;

/// <summary>Parses kubectl's --request-timeout: a bare integer is seconds, else a Go duration ("1h2m3.5s", "500ms").</summary>
public static class GoDuration
{
    public static bool TryParse(string? text, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        text = text.Trim();
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            value = TimeSpan.FromSeconds(seconds);
            return true;
        }

        var total = 0.0;
        var i = 0;
        while (i < text.Length)
        {
            var start = i;
            while (i < text.Length && (char.IsAsciiDigit(text[i]) || text[i] == '.'))
            {
                i++;
            }

            if (start == i || !double.TryParse(text.AsSpan(start, i - start), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
            {
                return false;
            }

            var unitStart = i;
            while (i < text.Length && char.IsAsciiLetter(text[i]) || i < text.Length && text[i] == 'µ')
            {
                i++;
            }

            double? scale = text[unitStart..i] switch
            {
                "h" => 3600_000,
                "m" => 60_000,
                "s" => 1000,
                "ms" => 1,
                "us" or "µs" => 0.001,
                "ns" => 0.000001,
                _ => null,
            };
            if (scale is null)
            {
                return false;
            }

            total += number * scale.Value;
        }

        value = TimeSpan.FromMilliseconds(total);
        return true;
    }
}
