using System.Text.Json.Nodes;

namespace Netguard.Plugin.Commands.Tc;

/// <summary>
/// <c>tc show -o json</c>: <c>{"nodes": [{"name", "agent": ok|stale|error|missing, "message", "device", "linkRate",
/// "leafQdisc", "classes": [{"name","classid","rate","ceil","priority","pods"}], "pods", "lastReconcile", "error"}]}</c>.
/// The status fields are the agent's own (SPEC §6.5; null when there is no readable status); "message" says why
/// the agent is not ok, null when it is.
/// </summary>
public static class TcShowJson
{
    public static JsonObject Build(IEnumerable<NodeAgentReport> reports)
    {
        ArgumentNullException.ThrowIfNull(reports);
        var nodes = new JsonArray();
        foreach (var report in reports)
        {
            nodes.Add((JsonNode)Node(report)); // the JsonNode overload: Add<T> is not trimming-safe
        }

        return new JsonObject { ["nodes"] = nodes };
    }

    public static JsonObject Node(NodeAgentReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var status = report.Status;
        var classes = new JsonArray();
        foreach (var c in status?.Classes ?? [])
        {
            classes.Add((JsonNode)new JsonObject
            {
                ["name"] = c.Name,
                ["classid"] = c.ClassId,
                ["rate"] = c.Rate,
                ["ceil"] = c.Ceil,
                ["priority"] = c.Priority,
                ["pods"] = c.Pods,
            });
        }

        return new JsonObject
        {
            ["name"] = report.Node,
            ["agent"] = NodeAgentReport.StateName(report.State),
            ["message"] = report.Problem,
            ["device"] = status?.Device,
            ["linkRate"] = status?.LinkRate,
            ["leafQdisc"] = status?.LeafQdisc,
            ["classes"] = classes,
            ["pods"] = status?.Pods,
            ["lastReconcile"] = status?.LastReconcile,
            ["error"] = status?.Error,
        };
    }
}
