using Netguard.Core.Admission;
using Netguard.Core.Check;
using Netguard.Plugin.Cli.Output;

namespace Netguard.Plugin.Commands.Check;

/// <summary>
/// The table `check` prints for people: one row per finding (denials first), one "ok" row per object without
/// findings, then a summary line. ACTION is coloured on a terminal: deny red, warn yellow, mutate cyan, ok green.
/// </summary>
public static class CheckTableWriter
{
    /// <param name="summary">The last line; `check`'s <see cref="Summary(CheckSummary)"/> when null.</param>
    public static void Write(CheckReport report, TextWriter output, bool useColor, string? summary = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(output);
        var table = new TextTable("namespace", "kind", "name", "rule", "action", "message");
        foreach (var r in report.Results)
        {
            if (r.Findings.Count == 0)
            {
                table.Add([r.Namespace, r.Kind, r.Name, "-", "ok", ""], Colors(AnsiColor.Green));
                continue;
            }

            foreach (var f in r.Findings.OrderBy(f => Severity(f.Action)))
            {
                table.Add([r.Namespace, r.Kind, r.Name, f.Rule, CheckReportJson.ActionName(f.Action), f.Message], Colors(Color(f.Action)));
            }
        }

        if (table.RowCount > 0)
        {
            table.Write(output, useColor);
            output.Write('\n');
        }

        output.Write(summary ?? Summary(report.Summary));
        output.Write('\n');
    }

    /// <summary>"9 objects: 2 denied, 3 warnings, 7 mutated".</summary>
    public static string Summary(CheckSummary s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return $"{Counted.Of(s.Objects, "object")}: {s.Denied} denied, {Counted.Of(s.Warnings, "warning")}, {s.Mutated} mutated";
    }

    private static int Severity(FindingAction action) => action switch
    {
        FindingAction.Deny => 0,
        FindingAction.Warn => 1,
        _ => 2,
    };

    private static string Color(FindingAction action) => action switch
    {
        FindingAction.Deny => AnsiColor.Red,
        FindingAction.Warn => AnsiColor.Yellow,
        _ => "36",
    };

    private static string?[] Colors(string actionColor) => [null, null, null, null, actionColor, null];
}
