using System.Globalization;
using Netguard.Core.Config;
using Netguard.Core.Qos;

namespace Netguard.Agent.Hosting;

/// <summary>
/// --dry-run output: a summary of the plan as comments, then the complete `tc -batch` input and the
/// `nft -f` script the agent would run on a device with the kernel's default qdisc. The command parts
/// are exactly what the agent feeds the tools, so they can be copied and run by hand.
/// </summary>
public static class PlanPrinter
{
    private static readonly string[] ClassHeader = ["CLASS", "CLASSID", "RATE", "CEIL", "PRIO", "DSCP", "PODS"];
    private static readonly string[] PodHeader = ["POD", "CLASS", "SOURCE", "ADDRESSES"];

    public static void Write(TextWriter output, QosPlan plan, string linkRateSource, string probeNote)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(plan);
        output.WriteLine($"# netguard plan for {plan.Device}: link {RateSpec.FormatBits(plan.LinkBitsPerSecond)} ({linkRateSource}), leaf qdisc {plan.LeafQdisc} ({probeNote})");
        output.WriteLine("#");
        var rows = new List<string[]> { ClassHeader };
        foreach (var c in plan.Classes)
        {
            var name = c.ClassId == plan.Htb.DefaultClass ? c.Name + " (default)" : c.Name;
            rows.Add([name, c.ClassId.ToString(), RateSpec.FormatBits(c.RateBitsPerSecond), RateSpec.FormatBits(c.CeilBitsPerSecond),
                c.Priority.ToString(CultureInfo.InvariantCulture), c.Dscp is { } d ? DscpCodePoint.Format(d) : "-", c.PodCount.ToString(CultureInfo.InvariantCulture)]);
        }

        WriteTable(output, rows);
        if (plan.Pods.Count > 0)
        {
            output.WriteLine("#");
            var pods = new List<string[]> { PodHeader };
            pods.AddRange(plan.Pods.Select(p => new[] { $"{p.Namespace}/{p.Name}", p.Class, Source(p.Source), string.Join(",", p.Addresses) }));
            WriteTable(output, pods);
        }

        var ports = plan.Nft.Sets.FirstOrDefault(s => s.Name == QosPlanner.PortsSetName);
        output.WriteLine("#");
        output.WriteLine(ports is null
            ? "# node traffic: no controlPlanePorts configured"
            : $"# node traffic to or from TCP ports {string.Join(", ", ports.Elements)} goes to class {plan.PortsClass}");
        foreach (var warning in plan.Warnings)
        {
            output.WriteLine($"# warning: {warning}");
        }

        output.WriteLine();
        output.WriteLine("# tc -batch -");
        foreach (var line in TcCommandWriter.CreateAll(plan.Device, plan.Htb))
        {
            output.WriteLine(line);
        }

        output.WriteLine();
        output.WriteLine("# nft -f -");
        output.Write(NftScriptWriter.Replace(plan.Nft));
    }

    private static string Source(QosClassSource source) => source switch
    {
        QosClassSource.Annotation => "annotation",
        QosClassSource.Assignment => "assignment (no annotation)",
        QosClassSource.Default => "default (no annotation)",
        _ => "default (unknown class)",
    };

    private static void WriteTable(TextWriter output, List<string[]> rows)
    {
        var widths = Enumerable.Range(0, rows[0].Length).Select(i => rows.Max(r => r[i].Length)).ToArray();
        foreach (var row in rows)
        {
            output.WriteLine(("#   " + string.Join("  ", row.Select((cell, i) => i == row.Length - 1 ? cell : cell.PadRight(widths[i])))).TrimEnd());
        }
    }
}
