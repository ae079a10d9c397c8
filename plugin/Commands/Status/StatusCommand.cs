using System.CommandLine;
using System.Text.Json.Nodes;
using Netguard.Plugin.Cli;
using Netguard.Plugin.Cli.Output;
using Netguard.Plugin.Commands.Tc;

namespace Netguard.Plugin.Commands.Status;

/// <summary>
/// <c>status [-n NS] [-o table|json] [--stale-after DURATION]</c>: is netguard running? The webhook Deployment,
/// both webhook configurations (caBundle, failurePolicy, the Service they call), the serving certificate's expiry
/// and trust, the agent DaemonSet and each node's agent. The namespace is <c>-n</c> when given, else
/// netguard-system (not the context's namespace: the installation has one home). Exit 0 healthy (warnings
/// included), 1 when something is unhealthy, 3 when something could not be read.
/// </summary>
public sealed class StatusCommand
{
    private readonly CliContext _context;
    private readonly Option<OutputFormat> _output = OutputOption.Create(OutputFormat.Table, OutputFormat.Json);

    private readonly Option<string?> _staleAfter = new("--stale-after")
    {
        Description = "Count an agent status older than this as stale (default 15m)",
        HelpName = "DURATION",
    };

    private StatusCommand(CliContext context)
    {
        _context = context;
    }

    public static Command Create(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var c = new StatusCommand(context);
        var command = new Command("status", "Check the webhook, its configurations and certificate, and the agent on every node")
        {
            c._output, c._staleAfter,
        };
        command.SetAction(c.RunAsync);
        return command;
    }

    private async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var staleAfter = TcShowCommand.ParseStaleAfter(parse.GetValue(_staleAfter));
        var ns = parse.GetValue(_context.Flags.Namespace) ?? InstalledNames.DefaultNamespace;
        using var kube = _context.KubeClients.Create(parse);
        var now = _context.Environment.Time.GetUtcNow();
        var items = await new InstallationStatusReader(kube, ns, now, staleAfter).ReadAsync(cancellationToken);

        var worst = items.Count == 0 ? HealthState.Ok : items.Max(i => i.State);
        if (parse.GetValue(_output) == OutputFormat.Json)
        {
            JsonOutput.Write(_context.Out, Json(ns, items, worst));
        }
        else
        {
            var table = new TextTable("COMPONENT", "STATUS", "MESSAGE");
            foreach (var item in items)
            {
                table.Add([item.Component, StatusItem.StateName(item.State), item.Message], [null, Color(item.State), null]);
            }

            table.Write(_context.Out, _context.Environment.UseColor);
        }

        _context.Error.WriteLine(Summary(ns, items));
        return worst switch
        {
            HealthState.Error => ExitCodes.Api,
            HealthState.Unhealthy => ExitCodes.Findings,
            _ => ExitCodes.Clean,
        };
    }

    private static JsonObject Json(string ns, IReadOnlyList<StatusItem> items, HealthState worst)
    {
        var components = new JsonArray();
        foreach (var item in items)
        {
            var component = new JsonObject
            {
                ["component"] = item.Component,
                ["status"] = StatusItem.StateName(item.State),
                ["message"] = item.Message,
            };
            foreach (var (key, value) in item.Details)
            {
                component[key] = value?.DeepClone();
            }

            components.Add((JsonNode)component);
        }

        return new JsonObject
        {
            ["namespace"] = ns,
            ["healthy"] = worst <= HealthState.Warning,
            ["components"] = components,
        };
    }

    private static string Summary(string ns, IReadOnlyList<StatusItem> items)
    {
        var errors = items.Count(i => i.State == HealthState.Error);
        var unhealthy = items.Count(i => i.State == HealthState.Unhealthy);
        var warnings = items.Count(i => i.State == HealthState.Warning);
        if (errors + unhealthy + warnings == 0)
        {
            return $"netguard in namespace {ns} is healthy";
        }

        var parts = new List<string>();
        if (errors > 0)
        {
            parts.Add($"{errors} could not be read");
        }

        if (unhealthy > 0)
        {
            parts.Add($"{unhealthy} unhealthy");
        }

        if (warnings > 0)
        {
            parts.Add(Counted.Of(warnings, "warning"));
        }

        var verdict = errors + unhealthy > 0 ? "is not healthy" : "is healthy with warnings";
        return $"netguard in namespace {ns} {verdict}: {string.Join(", ", parts)}";
    }

    private static string? Color(HealthState state) => state switch
    {
        HealthState.Ok => AnsiColor.Green,
        HealthState.Warning => AnsiColor.Yellow,
        _ => AnsiColor.Red,
    };
}
