using System.Text.Json.Nodes;

namespace Netguard.Plugin.Commands.Status;

/// <summary>The agent DaemonSet: ready pods of those scheduled (the per-node rows say which node lacks one).</summary>
public static class AgentDaemonSetCheck
{
    public static StatusItem Evaluate(string ns, string name, JsonObject? daemonSet)
    {
        var component = $"daemonset/{name}";
        if (daemonSet is null)
        {
            return new StatusItem(component, HealthState.Unhealthy, $"not found in namespace {ns}: no node agents, no traffic shaping");
        }

        var desired = JsonFields.Int(daemonSet["status"]?["desiredNumberScheduled"]) ?? 0;
        var ready = JsonFields.Int(daemonSet["status"]?["numberReady"]) ?? 0;
        var details = new JsonObject { ["desiredNumberScheduled"] = desired, ["numberReady"] = ready };
        var state = desired == 0 || ready == 0 ? HealthState.Unhealthy : ready < desired ? HealthState.Warning : HealthState.Ok;
        var message = desired == 0 ? "scheduled on no node" : $"{ready}/{desired} agents ready";
        return new StatusItem(component, state, message) { Details = details };
    }
}
