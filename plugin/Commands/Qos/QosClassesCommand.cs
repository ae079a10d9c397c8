using System.CommandLine;
using System.Text.Json.Nodes;
using Netguard.Core.Config;
using Netguard.Core.Kube.Client;
using Netguard.Core.Qos;
using Netguard.Plugin.Cli;
using Netguard.Plugin.Cli.Output;

namespace Netguard.Plugin.Commands.Qos;

/// <summary>
/// <c>qos classes [--config FILE] [-o table|json]</c>: the classes of the effective config in classid order, with
/// their rates resolved as the agent resolves them for <c>qos.linkRate</c> (the agent plans with the node's own
/// link speed when it can read it) and the namespaces whose pods may ask for each.
/// </summary>
public static class QosClassesCommand
{
    public static Command Create(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var config = LiveConfig.Option();
        var output = OutputOption.Create(OutputFormat.Table, OutputFormat.Json);
        var command = new Command("classes", "List the QoS classes with their rates, priorities and who may request them") { config, output };
        command.SetAction((parse, ct) => RunAsync(context, parse, parse.GetValue(config), parse.GetValue(output), ct));
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, ParseResult parse, string? file, OutputFormat format, CancellationToken cancellationToken)
    {
        KubeClient? client = null;
        NetguardConfig config;
        try
        {
            config = await LiveConfig.ResolveAsync(context, () => client ??= context.KubeClients.Create(parse), file, cancellationToken);
        }
        finally
        {
            client?.Dispose();
        }

        var qos = config.Qos;
        var link = qos.LinkRate.Resolve(0);
        var plan = QosPlanner.Plan(new QosPlanInput(qos, [], "-", link, KernelCapabilities.All));
        foreach (var warning in plan.Warnings)
        {
            context.Error.WriteLine($"warning: {warning}");
        }

        if (format == OutputFormat.Json)
        {
            JsonOutput.Write(context.Out, ToJson(qos, plan));
            return ExitCodes.Clean;
        }

        var table = new TextTable("class", "classid", "priority", "rate", "ceil", "dscp", "requestable in");
        for (var i = 0; i < plan.Classes.Count; i++)
        {
            var c = plan.Classes[i];
            var spec = qos.Classes[i];
            table.Add(
            [
                c.Name == qos.DefaultClass ? $"{c.Name} (default)" : c.Name,
                c.ClassId.ToString(),
                c.Priority.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Rate(spec.Rate, c.RateBitsPerSecond),
                Rate(spec.Ceil, c.CeilBitsPerSecond),
                spec.Dscp ?? "-",
                RequestableIn(qos, c.Name) is { Count: > 0 } namespaces ? string.Join(",", namespaces) : "-",
            ]);
        }

        table.Write(context.Out, context.Environment.UseColor);
        context.Error.WriteLine($"note: rates resolved for qos.linkRate {RateSpec.FormatBits(plan.LinkBitsPerSecond)}; each agent uses its node's link speed when it can read it");
        return ExitCodes.Clean;
    }

    /// <summary>"20% (200mbit)"; an absolute rate as written.</summary>
    private static string Rate(RateSpec spec, long bits) => spec.IsPercent ? $"{spec} ({RateSpec.FormatBits(bits)})" : RateSpec.FormatBits(bits);

    private static List<string> RequestableIn(QosConfig qos, string className) =>
        qos.Requests.Where(r => r.Class == className).SelectMany(r => r.Namespaces).Distinct(StringComparer.Ordinal).ToList();

    private static JsonObject ToJson(QosConfig qos, QosPlan plan)
    {
        var classes = new JsonArray();
        for (var i = 0; i < plan.Classes.Count; i++)
        {
            var c = plan.Classes[i];
            var spec = qos.Classes[i];
            classes.Add((JsonNode)new JsonObject
            {
                ["name"] = c.Name,
                ["classid"] = c.ClassId.ToString(),
                ["priority"] = c.Priority,
                ["rate"] = spec.Rate.ToString(),
                ["ceil"] = spec.Ceil.ToString(),
                ["rateBitsPerSecond"] = c.RateBitsPerSecond,
                ["ceilBitsPerSecond"] = c.CeilBitsPerSecond,
                ["dscp"] = spec.Dscp,
                ["default"] = c.Name == qos.DefaultClass,
                ["requestableIn"] = new JsonArray(RequestableIn(qos, c.Name).Select(n => (JsonNode?)JsonValue.Create(n)).ToArray()),
            });
        }

        return new JsonObject
        {
            ["linkRate"] = RateSpec.FormatBits(plan.LinkBitsPerSecond),
            ["linkRateBitsPerSecond"] = plan.LinkBitsPerSecond,
            ["defaultClass"] = qos.DefaultClass,
            ["classes"] = classes,
        };
    }
}
