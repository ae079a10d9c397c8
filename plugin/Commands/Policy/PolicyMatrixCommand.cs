using System.CommandLine;
using System.Text;
using System.Text.Json.Nodes;
using Netguard.Core.Reachability;
using Netguard.Plugin.Cli;
using Netguard.Plugin.Cli.Output;

namespace Netguard.Plugin.Commands.Policy;

/// <summary>
/// <c>policy matrix [-n NS | -A] [--port P[/PROTO]] [-f PATH…] [-o table|json]</c>: who can reach whom on one
/// port, as a truth table like the upstream Kubernetes NetworkPolicy e2e tests print (rows are sources,
/// columns destinations, <c>.</c> allowed, <c>X</c> denied; <c>-</c> when a destination lacks a named port).
/// </summary>
public static class PolicyMatrixCommand
{
    public static Command Create(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var port = new Option<string>("--port")
        {
            Description = "Port to probe (default 80/TCP): 80, 53/UDP, or a container port name resolved on each destination",
            DefaultValueFactory = _ => "80/TCP",
            HelpName = "P[/PROTO]",
        };
        var files = PolicyFileOption.Create();
        var output = OutputOption.Create(OutputFormat.Table, OutputFormat.Json);
        var command = new Command("matrix", "Connectivity matrix between pods on one port") { port, files, output };
        command.SetAction((parse, ct) => RunAsync(context, parse, parse.GetValue(port)!, parse.GetValue(files), parse.GetValue(output), ct));
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, ParseResult parse, string portText, string[]? files, OutputFormat format, CancellationToken cancellationToken)
    {
        if (!ProbePort.TryParse(portText, out var port, out var portError))
        {
            throw CliException.Input("--port: " + portError);
        }

        var cluster = await PolicyCluster.LoadAsync(context, parse, files, cancellationToken);
        var matrix = cluster.Engine.Matrix(port, cluster.PodsInScope(context, parse));
        if (format == OutputFormat.Json)
        {
            JsonOutput.Write(context.Out, ToJson(matrix));
        }
        else if (matrix.Pods.Count == 0)
        {
            context.Error.WriteLine("no pods");
        }
        else
        {
            WriteTable(context, matrix);
        }

        return ExitCodes.Clean;
    }

    internal static JsonObject ToJson(ReachabilityMatrix matrix)
    {
        var n = matrix.Pods.Count;
        var rows = new JsonArray();
        for (var i = 0; i < n; i++)
        {
            var row = new JsonArray();
            for (var j = 0; j < n; j++)
            {
                row.Add((JsonNode?)(matrix.HasPort(j) ? JsonValue.Create(matrix.IsAllowed(i, j)) : null));
            }

            rows.Add((JsonNode)row);
        }

        var json = new JsonObject
        {
            ["port"] = matrix.Port.Number is { } number ? number : matrix.Port.Name,
            ["protocol"] = matrix.Port.Protocol?.ToApiString(),
            ["pods"] = new JsonArray(matrix.Pods.Select(p => (JsonNode)JsonValue.Create(p.Key)).ToArray()),
            ["allowed"] = rows,
            ["summary"] = new JsonObject
            {
                ["pods"] = n,
                ["pairs"] = Enumerable.Range(0, n).Count(matrix.HasPort) * n,
                ["allowed"] = matrix.AllowedCount,
            },
        };
        if (matrix.Port.Name is not null)
        {
            json["destinationPorts"] = new JsonArray(matrix.DestinationPorts
                .Select(p => p is null ? null : (JsonNode)new JsonObject { ["port"] = p.Number, ["protocol"] = p.Protocol.ToApiString() })
                .ToArray());
        }

        return json;
    }

    private static void WriteTable(CliContext context, ReachabilityMatrix matrix)
    {
        var color = context.Environment.UseColor;
        var n = matrix.Pods.Count;
        var names = matrix.Pods.Select(p => p.Key).ToList();
        var first = Math.Max(names.Max(s => s.Length), 1);
        var width = names.Select(s => s.Length).ToList();
        context.Out.Write($"port {matrix.Port}: rows are sources, columns destinations; . allowed, X denied"
            + (matrix.Port.Name is null ? "" : ", - no such port") + "\n");

        var header = new StringBuilder("-".PadRight(first + 2));
        for (var j = 0; j < n; j++)
        {
            header.Append(j == n - 1 ? names[j] : names[j].PadRight(width[j] + 2));
        }

        context.Out.Write(header + "\n");
        for (var i = 0; i < n; i++)
        {
            var line = new StringBuilder(names[i].PadRight(first + 2));
            for (var j = 0; j < n; j++)
            {
                var cell = !matrix.HasPort(j) ? "-" : matrix.IsAllowed(i, j) ? PolicyOutput.Green(".", color) : PolicyOutput.Red("X", color);
                line.Append(cell);
                if (j < n - 1)
                {
                    line.Append(' ', width[j] + 1);
                }
            }

            context.Out.Write(line + "\n");
        }
    }
}
