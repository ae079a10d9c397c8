using System.CommandLine;
using System.Text.Json.Nodes;
using Netguard.Core.Audit;
using Netguard.Core.Config;
using Netguard.Core.Kube.Client;
using Netguard.Core.Kube.Errors;
using Netguard.Core.Kube.Models;
using Netguard.Core.Kube.Resources;
using Netguard.Core.Rules.ControlPlane;
using Netguard.Plugin.Cli;
using Netguard.Plugin.Cli.Output;

namespace Netguard.Plugin.Commands.Taints;

/// <summary>
/// <c>taints [--fix] [--config FILE] [-o table|json]</c> (SPEC §7): the control-plane nodes (per
/// <c>controlPlane.nodeSelector</c>), whether each carries <c>controlPlane.taint</c>, and the business pods running
/// on them (<see cref="ControlPlaneInventory"/>). <c>--fix</c> adds a missing taint with a JSON patch that
/// appends it and touches no other taint (<see cref="TaintPatch"/>); running it again changes nothing. Pods are
/// never evicted. Exit 1 while something is wrong and not fixed: an untainted node, or a business pod on one.
/// </summary>
public sealed class TaintsCommand
{
    /// <summary>Attempts per node when the node changes between read and patch.</summary>
    private const int FixAttempts = 3;

    private const int PodsShown = 3;

    private readonly CliContext _context;

    private readonly Option<bool> _fix = new("--fix") { Description = "Add the configured taint to control-plane nodes that lack it" };

    private readonly Option<string?> _config = LiveConfig.Option();

    private readonly Option<OutputFormat> _output = OutputOption.Create(OutputFormat.Table, OutputFormat.Json);

    private TaintsCommand(CliContext context)
    {
        _context = context;
    }

    public static Command Create(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var c = new TaintsCommand(context);
        var command = new Command("taints", "Show control-plane nodes, their taint and the business pods on them; --fix adds missing taints")
        {
            c._fix, c._config, c._output,
        };
        command.SetAction(c.RunAsync);
        return command;
    }

    private async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var env = _context.Environment;
        using var client = _context.KubeClients.Create(parse);
        var config = await LiveConfig.ResolveAsync(_context, () => client, parse.GetValue(_config), cancellationToken);
        var cp = config.ControlPlane;
        var live = await LiveCluster.LoadAsync(client, LiveKinds.Nodes | LiveKinds.Pods, env.Error, cancellationToken: cancellationToken);
        var nodes = ControlPlaneInventory.Take(live.Nodes!, live.Pods!, cp);

        var fixedNodes = new HashSet<string>(StringComparer.Ordinal);
        if (parse.GetValue(_fix))
        {
            foreach (var node in nodes.Where(n => !n.Tainted))
            {
                await FixAsync(client, node.Node, cp.Taint, cancellationToken);
                fixedNodes.Add(node.Name);
            }
        }

        if (parse.GetValue(_output) == OutputFormat.Json)
        {
            JsonOutput.Write(env.Out, ToJson(nodes, fixedNodes, cp.Taint));
        }
        else if (nodes.Count > 0)
        {
            WriteTable(nodes, fixedNodes, env.Out, env.UseColor);
        }

        return Explain(nodes, fixedNodes, cp, parse.GetValue(_fix));
    }

    /// <summary>Patches the taint in; a node changed since it was read (the patch's test fails) is read again.</summary>
    private async Task FixAsync(KubeClient client, Node node, TaintConfig taint, CancellationToken cancellationToken)
    {
        var name = node.Metadata.Name ?? "";
        for (var attempt = 1; ; attempt++)
        {
            var ops = TaintPatch.For(node, taint);
            if (ops.Count == 0)
            {
                return; // someone else added it meanwhile
            }

            try
            {
                await client.PatchAsync(KubeResourceTypes.Nodes, null, name, KubePatch.Json(ops), cancellationToken: cancellationToken);
                _context.Error.WriteLine($"node/{name}: added taint {Format(taint)}");
                return;
            }
            catch (KubeApiException e) when (attempt < FixAttempts && (e.StatusCode == 422 || e.IsConflict))
            {
                node = await client.GetAsync(KubeResourceTypes.Nodes, null, name, cancellationToken);
            }
        }
    }

    private static void WriteTable(IReadOnlyList<ControlPlaneNodeState> nodes, HashSet<string> fixedNodes, TextWriter output, bool useColor)
    {
        var table = new TextTable("node", "tainted", "business pods");
        foreach (var n in nodes)
        {
            var (tainted, color) = n.Tainted ? ("yes", AnsiColor.Green) : fixedNodes.Contains(n.Name) ? ("added", AnsiColor.Cyan) : ("no", AnsiColor.Red);
            table.Add([n.Name, tainted, Pods(n.BusinessPods)], [null, color, n.BusinessPods.Count > 0 ? AnsiColor.Red : null]);
        }

        table.Write(output, useColor);
    }

    /// <summary>"-", or "2: shop/web-1, shop/web-2", at most three names then "(+N more)".</summary>
    private static string Pods(IReadOnlyList<Pod> pods)
    {
        if (pods.Count == 0)
        {
            return "-";
        }

        var names = string.Join(", ", pods.Take(PodsShown).Select(p => $"{p.Metadata.Namespace}/{p.Metadata.Name}"));
        return pods.Count > PodsShown ? $"{pods.Count}: {names} (+{pods.Count - PodsShown} more)" : $"{pods.Count}: {names}";
    }

    /// <summary>What is still wrong, on stderr; the exit code.</summary>
    private int Explain(IReadOnlyList<ControlPlaneNodeState> nodes, HashSet<string> fixedNodes, ControlPlaneConfig cp, bool fix)
    {
        var error = _context.Error;
        if (nodes.Count == 0)
        {
            error.WriteLine($"No node matches controlPlane.nodeSelector {Selector(cp)}.");
            return ExitCodes.Clean;
        }

        var untainted = nodes.Count(n => !n.Tainted && !fixedNodes.Contains(n.Name));
        var pods = nodes.Sum(n => n.BusinessPods.Count);
        if (untainted > 0)
        {
            error.WriteLine($"{Counted.Of(untainted, "control-plane node")} without the taint {Format(cp.Taint)}{(fix ? "" : "; --fix adds it")}");
        }

        if (pods > 0)
        {
            error.WriteLine($"{Counted.Of(pods, "business pod")} on control-plane nodes; a NoSchedule taint does not evict them: move them off (e.g. delete them so their controllers reschedule them)");
        }

        return untainted > 0 || pods > 0 ? ExitCodes.Findings : ExitCodes.Clean;
    }

    private static JsonObject ToJson(IReadOnlyList<ControlPlaneNodeState> nodes, HashSet<string> fixedNodes, TaintConfig taint)
    {
        var taintJson = ControlPlaneNodes.TaintJson(taint);
        var items = nodes.Select(n => (JsonNode)new JsonObject
        {
            ["name"] = n.Name,
            ["tainted"] = n.Tainted || fixedNodes.Contains(n.Name),
            ["fixed"] = fixedNodes.Contains(n.Name),
            ["businessPods"] = new JsonArray(n.BusinessPods.Select(p => (JsonNode)new JsonObject
            {
                ["namespace"] = p.Metadata.Namespace,
                ["name"] = p.Metadata.Name,
            }).ToArray()),
        }).ToArray();
        return new JsonObject
        {
            ["taint"] = taintJson,
            ["nodes"] = new JsonArray(items),
            ["summary"] = new JsonObject
            {
                ["controlPlaneNodes"] = nodes.Count,
                ["untainted"] = nodes.Count(n => !n.Tainted && !fixedNodes.Contains(n.Name)),
                ["fixed"] = fixedNodes.Count,
                ["businessPods"] = nodes.Sum(n => n.BusinessPods.Count),
            },
        };
    }

    private static string Format(TaintConfig taint) =>
        string.IsNullOrEmpty(taint.Value) ? $"{taint.Key}:{taint.Effect}" : $"{taint.Key}={taint.Value}:{taint.Effect}";

    private static string Selector(ControlPlaneConfig cp) =>
        "{" + string.Join(", ", cp.NodeSelector.Select(kv => kv.Value.Length == 0 ? kv.Key : $"{kv.Key}={kv.Value}")) + "}";
}
