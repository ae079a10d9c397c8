using System.Globalization;

namespace Netguard.Plugin.Commands.Tc;

/// <summary>
/// kubectl's AGE format (apimachinery's duration.HumanDuration): "45s", "5m30s", "12m", "3h20m", "20h", "3d4h",
/// "300d", "2y10d" — precise while short, coarser as it grows. Negative durations within 2 s of zero (clock
/// skew) are "0s"; further in the future is "&lt;invalid&gt;", as kubectl prints it.
/// </summary>
public static class HumanDuration
{
    public static string Format(TimeSpan duration)
    {
        var seconds = (long)Math.Floor(duration.TotalSeconds);
        if (seconds < -1)
        {
            return "<invalid>";
        }

        if (seconds < 0)
        {
            return "0s";
        }

        if (seconds < 60 * 2)
        {
            return Invariant($"{seconds}s");
        }

        var minutes = seconds / 60;
        if (minutes < 10)
        {
            return WithRest(minutes, "m", seconds % 60, "s");
        }

        if (minutes < 60 * 3)
        {
            return Invariant($"{minutes}m");
        }

        var hours = minutes / 60;
        if (hours < 8)
        {
            return WithRest(hours, "h", minutes % 60, "m");
        }

        if (hours < 48)
        {
            return Invariant($"{hours}h");
        }

        if (hours < 24 * 8)
        {
            return WithRest(hours / 24, "d", hours % 24, "h");
        }

        if (hours < 24 * 365 * 2)
        {
            return Invariant($"{hours / 24}d");
        }

        if (hours < 24 * 365 * 8)
        {
            return WithRest(hours / 24 / 365, "y", hours / 24 % 365, "d");
        }

        return Invariant($"{hours / 24 / 365}y");
    }

    private static string WithRest(long value, string unit, long rest, string restUnit) =>
        rest == 0 ? Invariant($"{value}{unit}") : Invariant($"{value}{unit}{rest}{restUnit}");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
