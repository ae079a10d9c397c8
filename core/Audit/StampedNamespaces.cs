using System.Text.Json;
using System.Text.Json.Nodes;
using Netguard.Core.Kube.Models;
using Netguard.Core.Selectors;

namespace Netguard.Core.Audit;

/// <summary>
/// The namespaces whose Pods the mutating webhook admits, and so stamps with a QoS class: the namespaceSelector
/// of the webhooks in its MutatingWebhookConfiguration that take Pod CREATEs. Audit expects a class only there;
/// a Pod elsewhere (kube-system, the webhook's own namespace) is never stamped by design, and the agent classes
/// it by the same assignments without the annotation. objectSelectors are not looked at.
/// </summary>
public sealed class StampedNamespaces
{
    private readonly IReadOnlyList<LabelSelector>? _selectors;

    private StampedNamespaces(IReadOnlyList<LabelSelector>? selectors, string description)
    {
        _selectors = selectors;
        Description = description;
    }

    /// <summary>Every namespace (no webhook configuration to go by).</summary>
    public static StampedNamespaces All { get; } = new(null, "every namespace");

    /// <summary>What the shipped manifests (manifests/webhook/webhooks.yaml) admit: all but kube-system and the install namespace.</summary>
    public static StampedNamespaces Shipped(string installNamespace = "netguard-system")
    {
        ArgumentNullException.ThrowIfNull(installNamespace);
        var selector = new LabelSelector
        {
            MatchExpressions =
            [
                new LabelSelectorRequirement { Key = Namespace.NameLabel, Operator = "NotIn", Values = ["kube-system", installNamespace] },
            ],
        };
        return new StampedNamespaces([selector], $"all but kube-system and {installNamespace}");
    }

    /// <summary>Where this came from, for messages.</summary>
    public string Description { get; }

    /// <summary>
    /// From a live MutatingWebhookConfiguration: the union of the namespaceSelectors of its webhooks with a rule
    /// for Pod CREATE (an absent selector admits every namespace). None: nothing is stamped anywhere.
    /// </summary>
    /// <exception cref="JsonException">A namespaceSelector that is not a label selector.</exception>
    public static StampedNamespaces FromMutatingWebhookConfiguration(JsonObject configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var name = configuration["metadata"]?["name"]?.GetValueKind() == JsonValueKind.String ? configuration["metadata"]!["name"]!.GetValue<string>() : "?";
        var selectors = new List<LabelSelector>();
        foreach (var webhook in (configuration["webhooks"] as JsonArray ?? []).OfType<JsonObject>())
        {
            if (!(webhook["rules"] as JsonArray ?? []).OfType<JsonObject>().Any(TakesPodCreate))
            {
                continue;
            }

            if (webhook["namespaceSelector"] is not JsonObject selector)
            {
                return new StampedNamespaces(null, $"every namespace (mutatingwebhookconfiguration/{name})");
            }

            selectors.Add(selector.Deserialize(KubeJsonContext.Default.LabelSelector) ?? new LabelSelector());
        }

        return new StampedNamespaces(selectors, $"the namespaceSelector of mutatingwebhookconfiguration/{name}");
    }

    /// <summary>Whether Pods in the namespace are stamped; without the Namespace object only its name label is known.</summary>
    public bool Includes(string name, Namespace? ns)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (_selectors is null)
        {
            return true;
        }

        var labels = Namespace.SelectorLabels(name, ns);
        return _selectors.Any(s => LabelSelectorMatcher.Matches(s, labels));
    }

    // scope (default "*"): a "Cluster" rule never sees namespaced objects such as Pods.
    private static bool TakesPodCreate(JsonObject rule) =>
        Contains(rule["apiGroups"], "") && Contains(rule["resources"], "pods") && Contains(rule["operations"], "CREATE")
        && (rule["scope"] is not JsonValue scope || scope.GetValueKind() != JsonValueKind.String || scope.GetValue<string>() is "*" or "Namespaced");

    private static bool Contains(JsonNode? list, string value) =>
        (list as JsonArray ?? []).Any(v => v?.GetValueKind() == JsonValueKind.String && v.GetValue<string>() is var s && (s == value || s == "*" || s == "*/*"));
}
