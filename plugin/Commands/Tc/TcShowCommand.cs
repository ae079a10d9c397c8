using System.CommandLine;
using Netguard.Core.Kube.Errors;
using Netguard.Core.Kube.Models;
using Netguard.Core.Kube.Resources;
using Netguard.Plugin.Cli;
using Netguard.Plugin.Cli.Output;

namespace Netguard.Plugin.Commands.Tc;

/// <summary>
/// <c>tc show [NODE] [-o table|json] [--stale-after DURATION]</c>: per node, the HTB classes its agent programmed,
/// read from the Node annotation netguard.io/agent-status (SPEC §6.5). Nodes without the annotation are listed as
/// "no agent"; old statuses are flagged stale; a malformed annotation is an error on that node only. Exit 0 when
/// the nodes could be read (whatever their agents say), 2 for an unknown NODE or bad flag, 3 on API errors.
/// </summary>
public sealed class TcShowCommand
{
    private readonly CliContext _context;

    private readonly Argument<string?> _node = new("NODE")
    {
        Description = "Only this node (default: every node)",
        Arity = ArgumentArity.ZeroOrOne,
    };

    private readonly Option<OutputFormat> _output = OutputOption.Create(OutputFormat.Table, OutputFormat.Json);

    private readonly Option<string?> _staleAfter = new("--stale-after")
    {
        Description = "Flag a status older than this as stale (default 15m; the agent refreshes an unchanged status every 10m)",
        HelpName = "DURATION",
    };

    private TcShowCommand(CliContext context)
    {
        _context = context;
    }

    public static Command Create(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var c = new TcShowCommand(context);
        var command = new Command("show", "Show each node's QoS classes as its agent programmed them (from the Node status)")
        {
            c._node, c._output, c._staleAfter,
        };
        command.SetAction(c.RunAsync);
        return command;
    }

    /// <summary>Parses --stale-after (Go duration syntax, like --request-timeout); shared with <c>status</c>.</summary>
    internal static TimeSpan ParseStaleAfter(string? text)
    {
        if (text is null)
        {
            return NodeAgentReader.DefaultStaleAfter;
        }

        if (!Core.Kube.Config.GoDuration.TryParse(text, out var value) || value <= TimeSpan.Zero)
        {
            throw CliException.Input($"--stale-after: invalid duration \"{text}\" (want e.g. 15m, 1h)");
        }

        return value;
    }

    private async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var staleAfter = ParseStaleAfter(parse.GetValue(_staleAfter));
        var name = parse.GetValue(_node);
        using var kube = _context.KubeClients.Create(parse);
        IReadOnlyList<Node> nodes;
        if (name is not null)
        {
            try
            {
                nodes = [await kube.GetAsync(KubeResourceTypes.Nodes, null, name, cancellationToken)];
            }
            catch (KubeApiException e) when (e.IsNotFound)
            {
                throw CliException.Input($"node \"{name}\" not found");
            }
        }
        else
        {
            nodes = (await kube.ListAsync(KubeResourceTypes.Nodes, null, cancellationToken: cancellationToken)).Items;
        }

        var now = _context.Environment.Time.GetUtcNow();
        var reports = nodes
            .Select(n => NodeAgentReader.Read(n, now, staleAfter))
            .OrderBy(r => r.Node, StringComparer.Ordinal)
            .ToList();
        if (parse.GetValue(_output) == OutputFormat.Json)
        {
            JsonOutput.Write(_context.Out, TcShowJson.Build(reports));
        }
        else if (reports.Count == 0)
        {
            _context.Error.WriteLine("No nodes found.");
        }
        else
        {
            TcShowTableWriter.Write(_context.Out, reports, _context.Environment.UseColor);
        }

        return ExitCodes.Clean;
    }
}
