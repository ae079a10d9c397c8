using System.CommandLine;
using System.Text.Json.Nodes;
using Netguard.Core.Reachability;
using Netguard.Plugin.Cli;
using Netguard.Plugin.Cli.Output;

namespace Netguard.Plugin.Commands.Policy;

/// <summary>
/// <c>policy reach --from SRC --to DST --port P[/PROTO] [-f PATH…] [-o table|json]</c>: is this connection
/// allowed, and which policies and rules decide each side. Exit 0 allowed, 1 denied, 2 bad input, 3 API error.
/// </summary>
public static class PolicyReachCommand
{
    public static Command Create(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var from = new Option<string>("--from") { Description = "Source: NAMESPACE/POD, POD (in -n) or an IP address", Required = true, HelpName = "SRC" };
        var to = new Option<string>("--to") { Description = "Destination: NAMESPACE/POD, POD (in -n) or an IP address", Required = true, HelpName = "DST" };
        var port = new Option<string>("--port")
        {
            Description = "Port: 80, 80/TCP, 53/UDP, 5000/SCTP, or a container port name of the destination (http, dns/UDP)",
            Required = true,
            HelpName = "P[/PROTO]",
        };
        var files = PolicyFileOption.Create();
        var output = OutputOption.Create(OutputFormat.Table, OutputFormat.Json);
        var command = new Command("reach", "Is a connection allowed, and which policies and rules decide it")
        {
            from, to, port, files, output,
        };
        command.SetAction((parse, ct) => RunAsync(context, parse, parse.GetValue(from)!, parse.GetValue(to)!, parse.GetValue(port)!, parse.GetValue(files), parse.GetValue(output), ct));
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, ParseResult parse, string fromText, string toText, string portText, string[]? files, OutputFormat format, CancellationToken cancellationToken)
    {
        if (!ProbePort.TryParse(portText, out var port, out var portError))
        {
            throw CliException.Input("--port: " + portError);
        }

        var cluster = await PolicyCluster.LoadAsync(context, parse, files, cancellationToken);
        var from = EndpointArgument.Resolve("--from", fromText, cluster);
        var to = EndpointArgument.Resolve("--to", toText, cluster);
        ReachVerdict verdict;
        try
        {
            verdict = cluster.Engine.Reach(from, to, port);
        }
        catch (ReachabilityException e)
        {
            throw CliException.Input("--port: " + e.Message);
        }

        if (format == OutputFormat.Json)
        {
            JsonOutput.Write(context.Out, ToJson(verdict));
        }
        else
        {
            WriteText(context, verdict);
        }

        return verdict.Allowed ? ExitCodes.Clean : ExitCodes.Findings;
    }

    /// <summary>SPEC §7 shape, plus details: addresses used, isolation, the reason and the allowing rules of each side.</summary>
    internal static JsonObject ToJson(ReachVerdict verdict)
    {
        var json = new JsonObject
        {
            ["from"] = verdict.From.ToString(),
            ["to"] = verdict.To.ToString(),
            ["port"] = verdict.Port,
            ["protocol"] = verdict.Protocol.ToApiString(),
            ["allowed"] = verdict.Allowed,
            ["egress"] = Side(verdict.Egress),
            ["ingress"] = Side(verdict.Ingress),
        };
        if (verdict.PortName is { } name)
        {
            json["portName"] = name;
        }

        if (verdict.FromAddress is { } fromIp)
        {
            json["fromIP"] = fromIp.ToString();
        }

        if (verdict.ToAddress is { } toIp)
        {
            json["toIP"] = toIp.ToString();
        }

        return json;
    }

    private static JsonObject Side(DirectionVerdict side)
    {
        var json = new JsonObject
        {
            ["allowed"] = side.Allowed,
            ["policies"] = new JsonArray(side.Policies.Select(p => (JsonNode)JsonValue.Create(p.ToString())).ToArray()),
            ["isolated"] = side.Isolated,
            ["reason"] = ReasonText(side.Reason),
            ["allowedBy"] = new JsonArray(side.AllowedBy.Select(r => (JsonNode)new JsonObject { ["policy"] = r.Policy.ToString(), ["rule"] = r.Path }).ToArray()),
        };
        if (side.Undecided.Count > 0)
        {
            json["undecided"] = new JsonArray(side.Undecided.Select(r => (JsonNode)new JsonObject { ["policy"] = r.Policy.ToString(), ["rule"] = r.Path }).ToArray());
        }

        return json;
    }

    private static void WriteText(CliContext context, ReachVerdict verdict)
    {
        var color = context.Environment.UseColor;
        var portText = $"{verdict.Port}/{verdict.Protocol.ToApiString()}" + (verdict.PortName is { } n ? $" ({n})" : "");
        var result = verdict.Allowed ? PolicyOutput.Green("ALLOWED", color) : PolicyOutput.Red("DENIED", color);
        context.Out.Write($"{Endpoint(verdict.From, verdict.FromAddress)} -> {Endpoint(verdict.To, verdict.ToAddress)} on {portText}: {result}\n");
        PolicyOutput.WriteTable(context.Out, ["SIDE", "POD", "VERDICT", "WHY", "POLICIES"],
        [
            Row("egress", verdict.From, verdict.Egress),
            Row("ingress", verdict.To, verdict.Ingress),
        ]);
    }

    private static string[] Row(string side, ReachEndpoint endpoint, DirectionVerdict verdict) =>
    [
        side,
        endpoint.Pod?.Key ?? "-",
        verdict.Allowed ? "allow" : "deny",
        Why(verdict),
        verdict.Policies.Count == 0 ? "-" : string.Join(",", verdict.Policies),
    ];

    private static string Why(DirectionVerdict verdict) => verdict.Reason switch
    {
        DirectionReason.AllowedByRule => "allowed by " + string.Join(", ", verdict.AllowedBy),
        DirectionReason.NoRuleAllows when verdict.Undecided.Count > 0 =>
            "no rule allows it; " + string.Join(", ", verdict.Undecided) + " might, but the peer's address is unknown",
        DirectionReason.NoRuleAllows => "isolated, and no rule of its policies allows it",
        DirectionReason.NotIsolated => "no policy isolates it",
        DirectionReason.NotAPod => "not a pod: no policy applies",
        DirectionReason.HostNetwork => "hostNetwork pod: policies do not apply",
        DirectionReason.Loopback => "a pod can always reach itself",
        DirectionReason.OwnNode => "traffic with its own node is always allowed",
        _ => verdict.Reason.ToString(),
    };

    private static string ReasonText(DirectionReason reason) => reason switch
    {
        DirectionReason.NotIsolated => "not-isolated",
        DirectionReason.AllowedByRule => "allowed-by-rule",
        DirectionReason.NoRuleAllows => "no-rule-allows",
        DirectionReason.NotAPod => "not-a-pod",
        DirectionReason.HostNetwork => "host-network",
        DirectionReason.Loopback => "loopback",
        DirectionReason.OwnNode => "own-node",
        _ => reason.ToString(),
    };

    private static string Endpoint(ReachEndpoint endpoint, System.Net.IPAddress? address) =>
        endpoint.Pod is null || address is null ? endpoint.ToString() : $"{endpoint} ({address})";
}
