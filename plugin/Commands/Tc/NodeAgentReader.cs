using System.Globalization;
using System.Text.Json;
using Netguard.Core.Kube.Models;
using Netguard.Core.Qos;

namespace Netguard.Plugin.Commands.Tc;

/// <summary>
/// Reads a Node's netguard.io/agent-status annotation (SPEC §6.5) into a <see cref="NodeAgentReport"/>. Pure:
/// a malformed annotation becomes an <see cref="AgentState.Error"/> report for that node, never an exception.
/// </summary>
public static class NodeAgentReader
{
    /// <summary>
    /// A status older than this is stale. The agent re-writes an unchanged status only as a heartbeat every
    /// 10 minutes (plus up to one 60 s reconcile interval), so anything under ~11 minutes is normal.
    /// </summary>
    public static readonly TimeSpan DefaultStaleAfter = TimeSpan.FromMinutes(15);

    public static NodeAgentReport Read(Node node, DateTimeOffset now, TimeSpan staleAfter)
    {
        ArgumentNullException.ThrowIfNull(node);
        var name = node.Metadata.Name ?? "";
        if (node.Metadata.Annotations is not { } annotations || !annotations.TryGetValue(AgentStatus.Annotation, out var text))
        {
            return new NodeAgentReport(name, AgentState.Missing, null, $"no {AgentStatus.Annotation} annotation");
        }

        AgentStatus? status;
        try
        {
            // Syntax first, so the two kinds of failure get their own wording.
            using (JsonDocument.Parse(text))
            {
            }
        }
        catch (JsonException e)
        {
            return Malformed(name, $"not valid JSON (line {e.LineNumber + 1}, column {e.BytePositionInLine + 1})");
        }

        try
        {
            status = JsonSerializer.Deserialize(text, AgentStatusJsonContext.Default.AgentStatus);
        }
        catch (JsonException e)
        {
            return Malformed(name, e.Path is { Length: > 2 } path ? $"{path[2..]}: value of the wrong type" : "want a JSON object");
        }

        if (status is null)
        {
            return Malformed(name, "want a JSON object, got null");
        }

        // A hand-edited or foreign annotation may hold nulls where the agent always writes values.
        status = status with
        {
            Device = status.Device ?? "",
            LinkRate = status.LinkRate ?? "",
            LeafQdisc = status.LeafQdisc ?? "",
            Classes = status.Classes ?? [],
        };
        if (status.Classes.Any(c => c is null))
        {
            return Malformed(name, "classes: null entry");
        }

        if (string.IsNullOrEmpty(status.LastReconcile))
        {
            return new NodeAgentReport(name, AgentState.Error, status, status.Error ?? "the status has no lastReconcile");
        }

        if (!DateTimeOffset.TryParse(status.LastReconcile, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var reconciled))
        {
            return Malformed(name, $"lastReconcile: \"{status.LastReconcile}\" is not an RFC 3339 time");
        }

        var age = now - reconciled;
        var report = new NodeAgentReport(name, AgentState.Ok, status, null) { Age = age };
        if (!string.IsNullOrEmpty(status.Error))
        {
            return report with { State = AgentState.Error, Problem = status.Error.ReplaceLineEndings(" ") };
        }

        if (age > staleAfter)
        {
            return report with { State = AgentState.Stale, Problem = $"no status for {HumanDuration.Format(age)} (stale after {HumanDuration.Format(staleAfter)}): is the agent running?" };
        }

        return report;
    }

    private static NodeAgentReport Malformed(string node, string reason) =>
        new(node, AgentState.Error, null, $"annotation {AgentStatus.Annotation} is malformed: {reason}");
}
