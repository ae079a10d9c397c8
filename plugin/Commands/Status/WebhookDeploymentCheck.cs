using System.Text.Json.Nodes;

namespace Netguard.Plugin.Commands.Status;

/// <summary>The webhook Deployment: how many replicas are ready of how many asked for.</summary>
public static class WebhookDeploymentCheck
{
    /// <summary><paramref name="deployment"/> is the object read from the API, null when it does not exist.</summary>
    public static StatusItem Evaluate(string ns, string name, JsonObject? deployment)
    {
        var component = $"deployment/{name}";
        if (deployment is null)
        {
            return new StatusItem(component, HealthState.Unhealthy, $"not found in namespace {ns} (install: kubectl netguard install | kubectl apply -f -)");
        }

        var desired = JsonFields.Int(deployment["spec"]?["replicas"]) ?? 1; // the API server's default
        var ready = JsonFields.Int(deployment["status"]?["readyReplicas"]) ?? 0;
        var updated = JsonFields.Int(deployment["status"]?["updatedReplicas"]) ?? 0;
        var details = new JsonObject { ["replicas"] = desired, ["readyReplicas"] = ready, ["updatedReplicas"] = updated };
        var message = $"{ready}/{desired} replicas ready";
        if (updated < desired && desired > 0)
        {
            message += $", rollout in progress ({updated}/{desired} updated)";
        }

        var state = desired == 0 ? HealthState.Unhealthy
            : ready == 0 ? HealthState.Unhealthy
            : ready < desired ? HealthState.Warning
            : HealthState.Ok;
        if (desired == 0)
        {
            message = "scaled to 0 replicas: no webhook is serving";
        }
        else if (ready == 0)
        {
            message += ": no webhook is serving (the validating webhook fails closed)";
        }

        return new StatusItem(component, state, message) { Details = details };
    }
}
