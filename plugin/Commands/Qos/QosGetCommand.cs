using System.CommandLine;
using System.Text.Json.Nodes;
using Netguard.Core.Admission;
using Netguard.Core.Config;
using Netguard.Core.Kube.Client;
using Netguard.Core.Kube.Models;
using Netguard.Core.Kube.Resources;
using Netguard.Core.Rules.Qos;
using Netguard.Plugin.Cli;
using Netguard.Plugin.Cli.Output;

namespace Netguard.Plugin.Commands.Qos;

/// <summary>
/// <c>qos get [TYPE/NAME] [-n NS | -A] [--config FILE] [-o table|wide|json]</c>: the QoS class and source of the
/// pods in scope (kubectl's namespace rules), or of one pod, or of a workload's template and its pods. Pods the
/// webhook has not stamped show, marked, the class it would stamp.
/// </summary>
public static class QosGetCommand
{
    public static Command Create(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var target = new Argument<string?>("TYPE/NAME")
        {
            Description = "A pod or workload: pod/NAME, deployment/NAME, statefulset/NAME, daemonset/NAME, replicaset/NAME, job/NAME, cronjob/NAME",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var config = LiveConfig.Option();
        var output = OutputOption.Create(OutputFormat.Table, OutputFormat.Wide, OutputFormat.Json);
        var command = new Command("get", "Show the QoS class and source of pods and workloads") { target, config, output };
        command.SetAction((parse, ct) => RunAsync(context, parse, parse.GetValue(target), parse.GetValue(config), parse.GetValue(output), ct));
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, ParseResult parse, string? targetText, string? file, OutputFormat format, CancellationToken cancellationToken)
    {
        var target = targetText is null ? null : QosTarget.Parse(targetText);
        using var client = context.KubeClients.Create(parse);
        var config = await LiveConfig.ResolveAsync(context, () => client, file, cancellationToken);
        var allNamespaces = target is null && parse.GetValue(context.Flags.AllNamespaces);
        var ns = parse.GetValue(context.Flags.Namespace) ?? client.DefaultNamespace;

        var rows = target is null
            ? (await client.ListAsync(KubeResourceTypes.Pods, allNamespaces ? null : ns, cancellationToken: cancellationToken)).Items
                .OrderBy(p => p.Metadata.Namespace, StringComparer.Ordinal).ThenBy(p => p.Metadata.Name, StringComparer.Ordinal)
                .Select(p => QosRow.ForPod(p, config.Qos)).ToList()
            : await TargetRowsAsync(client, target, ns, config.Qos, cancellationToken);

        if (format == OutputFormat.Json)
        {
            JsonOutput.Write(context.Out, new JsonObject { ["items"] = new JsonArray(rows.Select(r => (JsonNode)r.ToJson()).ToArray()) });
            return ExitCodes.Clean;
        }

        if (rows.Count == 0)
        {
            context.Error.WriteLine(allNamespaces ? "No pods found." : $"No pods found in namespace {ns}.");
            return ExitCodes.Clean;
        }

        WriteTable(context, rows, allNamespaces, format == OutputFormat.Wide, config.Qos.DefaultClass);
        return ExitCodes.Clean;
    }

    private static async Task<List<QosRow>> TargetRowsAsync(KubeClient client, QosTarget target, string ns, QosConfig qos, CancellationToken cancellationToken)
    {
        var json = await target.GetAsync(client, ns, cancellationToken);
        var obj = KubeObjectReader.Read(target.Resource.Kind, json);
        obj.Metadata.Namespace ??= ns;
        if (obj is Pod pod)
        {
            return [QosRow.ForPod(pod, qos)];
        }

        var rows = new List<QosRow> { QosRow.ForTemplate(target.Resource, ns, target.Name, target.PodOf(json), qos) };
        rows.AddRange((await WorkloadPods.FindAsync(client, obj, cancellationToken)).Select(p => QosRow.ForPod(p, qos)));
        return rows;
    }

    private static void WriteTable(CliContext context, List<QosRow> rows, bool allNamespaces, bool wide, string defaultClass)
    {
        var headers = new List<string>();
        if (allNamespaces)
        {
            headers.Add("namespace");
        }

        headers.AddRange(["name", "class", "source"]);
        if (wide)
        {
            headers.AddRange(["node", "priority class", "controlled by"]);
        }

        var table = new TextTable(headers.ToArray());
        foreach (var r in rows)
        {
            var cells = new List<string>();
            if (allNamespaces)
            {
                cells.Add(r.Namespace);
            }

            cells.AddRange([r.Display, r.MarkedClass, r.Source]);
            if (wide)
            {
                cells.AddRange([r.Node ?? "-", r.PriorityClassName ?? "-", r.ControlledBy ?? "-"]);
            }

            table.Add(cells.ToArray());
        }

        table.Write(context.Out, context.Environment.UseColor);
        if (rows.Any(r => r.IsPod && r.KnownClass && !r.Annotated))
        {
            context.Error.WriteLine($"* no {QosAnnotations.Class} annotation: shown is the class the webhook would stamp");
        }

        if (rows.Any(r => !r.KnownClass))
        {
            context.Error.WriteLine($"! not a configured class: the webhook denies new pods with it (qos-class-unknown) and the agent shapes running ones as {defaultClass}, the default class");
        }
    }
}
