using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Netguard.Plugin.Cli.Output;

namespace Netguard.Plugin.Commands.Status;

/// <summary>
/// A Mutating- or ValidatingWebhookConfiguration: present, its webhooks' failurePolicy, whether each carries a
/// caBundle the API server can verify the webhook with, and the Service each points to (which must exist).
/// </summary>
public static class WebhookConfigurationCheck
{
    /// <summary>The Services (namespace/name, once each) the configuration's webhooks point to; url-based webhooks have none.</summary>
    public static IReadOnlyList<WebhookServiceRef> Services(JsonObject? configuration) =>
        Webhooks(configuration).Select(w => ServiceOf(w)).OfType<WebhookServiceRef>().DistinctBy(s => (s.Namespace, s.Name)).ToList();

    /// <summary>
    /// <paramref name="serviceExists"/> answers for each Service of <see cref="Services"/>: true, false (404), or
    /// null when it could not be read (the caller reports that error separately). <paramref name="caBundleOf"/> gives a
    /// webhook's decoded caBundle (<see cref="CaBundle.Decode"/>), which the caller also needs for the certificate check.
    /// </summary>
    public static StatusItem Evaluate(
        string kind, string name, JsonObject? configuration, Func<WebhookServiceRef, bool?> serviceExists, Func<JsonObject, X509Certificate2Collection?> caBundleOf)
    {
        ArgumentNullException.ThrowIfNull(serviceExists);
        ArgumentNullException.ThrowIfNull(caBundleOf);
        var component = $"{kind.ToLowerInvariant()}/{name}";
        if (configuration is null)
        {
            return new StatusItem(component, HealthState.Unhealthy, "not found: the API server does not call the webhook");
        }

        var webhooks = Webhooks(configuration).ToList();
        if (webhooks.Count == 0)
        {
            return new StatusItem(component, HealthState.Unhealthy, "has no webhooks");
        }

        var problems = new List<string>();
        var details = new JsonArray();
        var policies = new List<string>();
        var targets = new List<string>();
        foreach (var webhook in webhooks)
        {
            var hookName = JsonFields.String(webhook["name"]) ?? "?";
            var failurePolicy = JsonFields.String(webhook["failurePolicy"]) ?? "Fail"; // admissionregistration/v1 default
            var caBundle = caBundleOf(webhook);
            var service = ServiceOf(webhook);
            var url = JsonFields.String(webhook["clientConfig"]?["url"]);
            if (caBundle is null)
            {
                problems.Add($"{hookName} has no usable caBundle");
            }

            bool? found = null;
            if (service is not null)
            {
                found = serviceExists(service);
                if (found == false)
                {
                    problems.Add($"{hookName} points to service {service.Namespace}/{service.Name}, which does not exist");
                }
            }
            else if (url is null)
            {
                problems.Add($"{hookName} has neither clientConfig.service nor url");
            }

            policies.Add(failurePolicy);
            targets.Add(service?.Address ?? url ?? "?");
            details.Add((JsonNode)new JsonObject
            {
                ["name"] = hookName,
                ["failurePolicy"] = failurePolicy,
                ["caBundle"] = caBundle is not null,
                ["service"] = service is null ? null : new JsonObject
                {
                    ["namespace"] = service.Namespace,
                    ["name"] = service.Name,
                    ["port"] = service.Port,
                    ["path"] = service.Path,
                    ["found"] = found,
                },
                ["url"] = url,
            });
        }

        var message = problems.Count > 0
            ? string.Join("; ", problems)
            : $"{Counted.Of(webhooks.Count, "webhook")}, failurePolicy {string.Join("/", policies.Distinct())}, caBundle set, service {string.Join(", ", targets.Distinct())}";
        return new StatusItem(component, problems.Count > 0 ? HealthState.Unhealthy : HealthState.Ok, message)
        {
            Details = new JsonObject { ["webhooks"] = details },
        };
    }

    /// <summary>The configuration's webhooks (none when it is missing).</summary>
    public static IEnumerable<JsonObject> Webhooks(JsonObject? configuration) =>
        (configuration?["webhooks"] as JsonArray ?? []).OfType<JsonObject>();

    private static WebhookServiceRef? ServiceOf(JsonObject webhook) =>
        webhook["clientConfig"]?["service"] is JsonObject s && JsonFields.String(s["name"]) is { } name && JsonFields.String(s["namespace"]) is { } ns
            ? new WebhookServiceRef(ns, name, JsonFields.Int(s["port"]) ?? 443, JsonFields.String(s["path"]))
            : null;
}
