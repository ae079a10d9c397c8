using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Netguard.Webhook.Options;

/// <summary>Go-style durations as Kubernetes components take them: "500ms", "5s", "2m", "1h", "1m30s", "0".</summary>
public static class Duration
{
    public static bool TryParse(string? text, [NotNullWhen(true)] out TimeSpan? value)
    {
        value = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        if (text == "0")
        {
            value = TimeSpan.Zero;
            return true;
        }

        var total = TimeSpan.Zero;
        var span = text.AsSpan();
        while (!span.IsEmpty)
        {
            var digits = 0;
            while (digits < span.Length && (char.IsAsciiDigit(span[digits]) || span[digits] == '.'))
            {
                digits++;
            }

            var units = digits;
            while (units < span.Length && char.IsAsciiLetter(span[units]))
            {
                units++;
            }

            if (digits == 0 || units == digits
                || !double.TryParse(span[..digits], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
            {
                return false;
            }

            TimeSpan? part = span[digits..units] switch
            {
                "ms" => TimeSpan.FromMilliseconds(number),
                "s" => TimeSpan.FromSeconds(number),
                "m" => TimeSpan.FromMinutes(number),
                "h" => TimeSpan.FromHours(number),
                _ => null,
            };
            if (part is null)
            {
                return false;
            }

            total += part.Value;
            span = span[units..];
        }

        value = total;
        return true;
    }
}
