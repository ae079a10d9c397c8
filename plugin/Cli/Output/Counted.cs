using System.Globalization;

namespace Netguard.Plugin.Cli.Output;

/// <summary>"1 pod", "3 pods": a count with its noun, as the plugin's summaries write it.</summary>
internal static class Counted
{
    /// <param name="plural">The plural when it is not <paramref name="noun"/> + "s" ("classes").</param>
    public static string Of(int n, string noun, string? plural = null) =>
        n == 1 ? "1 " + noun : string.Create(CultureInfo.InvariantCulture, $"{n} {plural ?? noun + "s"}");
}
