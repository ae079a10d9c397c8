using System.Globalization;
using Netguard.Plugin.Cli.Output;

namespace Netguard.Plugin.Commands.Tc;

/// <summary>
/// <c>tc show</c> for people: one block per node — a line with the agent's state, device, link rate, leaf qdisc,
/// pods and age, the problem if any, then the class table indented under it — blocks separated by a blank line.
/// </summary>
public static class TcShowTableWriter
{

    public static void Write(TextWriter output, IReadOnlyList<NodeAgentReport> reports, bool useColor)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(reports);
        for (var i = 0; i < reports.Count; i++)
        {
            if (i > 0)
            {
                output.Write('\n');
            }

            WriteNode(output, reports[i], useColor);
        }
    }

    private static void WriteNode(TextWriter output, NodeAgentReport report, bool useColor)
    {
        var status = report.Status;
        if (status is null)
        {
            var what = report.State == AgentState.Missing ? "no agent" : NodeAgentReport.StateName(report.State);
            output.Write($"{report.Node}: {Paint(what, report.State, useColor)} ({report.Problem})\n");
            return;
        }

        var age = report.Age is { } a ? $"reconciled {HumanDuration.Format(a)} ago" : "never reconciled";
        var pods = Counted.Of(status.Pods, "pod");
        output.Write($"{report.Node}: {Paint(NodeAgentReport.StateName(report.State), report.State, useColor)}, {Or(status.Device)} at {Or(status.LinkRate)}, leaf qdisc {Or(status.LeafQdisc)}, {pods}, {age}\n");
        if (report.Problem is { } problem)
        {
            output.Write($"  {(report.State == AgentState.Stale ? "warning" : "error")}: {problem}\n");
        }

        if (status.Classes.Count == 0)
        {
            output.Write("  (no classes)\n");
            return;
        }

        var table = new TextTable("CLASS", "CLASSID", "RATE", "CEIL", "PRIO", "PODS") { Indent = 2 };
        foreach (var c in status.Classes)
        {
            table.Add([c.Name, c.ClassId, c.Rate, c.Ceil, c.Priority.ToString(CultureInfo.InvariantCulture), c.Pods.ToString(CultureInfo.InvariantCulture)]);
        }

        table.Write(output, useColor);
    }

    private static string Or(string value) => value.Length == 0 ? "?" : value;

    private static string Paint(string text, AgentState state, bool useColor) => AnsiColor.Paint(text, state switch
    {
        AgentState.Ok => AnsiColor.Green,
        AgentState.Error => AnsiColor.Red,
        _ => AnsiColor.Yellow,
    }, useColor);
}
