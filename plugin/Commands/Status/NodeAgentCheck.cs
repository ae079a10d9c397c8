using Netguard.Plugin.Cli.Output;
using Netguard.Plugin.Commands.Tc;

namespace Netguard.Plugin.Commands.Status;

/// <summary>One node's agent as a <c>status</c> row: ok, or unhealthy when it is stale, failing or missing.</summary>
public static class NodeAgentCheck
{
    public static StatusItem Evaluate(NodeAgentReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var component = $"node/{report.Node}";
        var details = Tc.TcShowJson.Node(report);
        details.Remove("name");
        details.Remove("message"); // the row has its own
        if (report.State == AgentState.Ok)
        {
            var status = report.Status!;
            var classes = Counted.Of(status.Classes.Count, "class", "classes");
            var pods = Counted.Of(status.Pods, "pod");
            return new StatusItem(component, HealthState.Ok, $"agent reconciled {HumanDuration.Format(report.Age ?? TimeSpan.Zero)} ago ({status.Device} at {status.LinkRate}, {classes}, {pods})") { Details = details };
        }

        var message = report.State switch
        {
            AgentState.Missing => $"no agent: {report.Problem}",
            _ => $"agent {NodeAgentReport.StateName(report.State)}: {report.Problem}",
        };
        return new StatusItem(component, HealthState.Unhealthy, message) { Details = details };
    }
}
