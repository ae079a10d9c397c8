using System.Text;
using System.Text.Json.Nodes;
using Netguard.Core.Config;
using Netguard.Core.Kube.Models;
using Netguard.Core.Yaml;
using Netguard.Plugin.Commands.Status;

namespace Netguard.Plugin.Commands.Install;

/// <summary>
/// Turns the embedded manifests into what <c>install</c> prints (pure, given the certificates): the namespace
/// moved everywhere it is named (objects, RBAC subjects, webhook Service references, the webhooks' namespace
/// exclusion), images and config replaced, the caBundle filled in, the TLS Secret added, and the objects in
/// apply order — the webhook configurations last, so the API server starts calling the webhook only after
/// everything it needs has been sent.
/// </summary>
public static class InstallManifestBuilder
{
    private static readonly string[] ApplyOrder =
    [
        "Namespace", "ServiceAccount", "Secret", "ConfigMap", "ClusterRole", "ClusterRoleBinding", "Role", "RoleBinding",
        "Service", "DaemonSet", "Deployment", "PodDisruptionBudget",
    ];

    private static readonly HashSet<string> ClusterScoped = new(StringComparer.Ordinal)
    {
        "Namespace", "ClusterRole", "ClusterRoleBinding", "MutatingWebhookConfiguration", "ValidatingWebhookConfiguration", "PriorityClass",
    };

    /// <summary>The namespace the manifests are written for (the one Namespace object they hold).</summary>
    public static string SourceNamespace(IReadOnlyList<EmbeddedManifest> manifests)
    {
        ArgumentNullException.ThrowIfNull(manifests);
        var namespaces = manifests.Where(m => m.Kind == "Namespace").Select(m => m.Name).ToList();
        return namespaces.Count == 1 ? namespaces[0] : throw new InvalidOperationException($"the manifests hold {namespaces.Count} Namespace objects, want one");
    }

    /// <summary>The DNS names the serving certificate needs: for each Service the webhooks call, in <paramref name="ns"/>.</summary>
    public static IReadOnlyList<string> ServingDnsNames(IReadOnlyList<EmbeddedManifest> manifests, string ns)
    {
        ArgumentNullException.ThrowIfNull(manifests);
        var services = WebhookServiceNames(manifests);
        // <svc>.<ns>.svc is the name the API server verifies; the others serve in-cluster clients and debugging.
        return services.SelectMany(s => new[] { $"{s}.{ns}.svc", $"{s}.{ns}.svc.cluster.local", $"{s}.{ns}", s }).ToList();
    }

    public static IReadOnlyList<JsonObject> Build(IReadOnlyList<EmbeddedManifest> manifests, InstallOptions options, WebhookCertificates certificates)
    {
        ArgumentNullException.ThrowIfNull(manifests);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(certificates);
        var source = SourceNamespace(manifests);
        var ns = options.Namespace;
        var objects = manifests.Select(m => m.Object.DeepClone().AsObject()).ToList();
        var caBundle = Convert.ToBase64String(Encoding.ASCII.GetBytes(certificates.CaCertificatePem));
        var secretName = TlsSecretName(objects);
        var webhookImageSet = false;
        var agentImageSet = false;
        var configSet = false;

        foreach (var obj in objects)
        {
            var kind = Kind(obj);
            var metadata = obj["metadata"] as JsonObject ?? throw new InvalidOperationException($"a {kind} without metadata");
            if (kind == "Namespace")
            {
                metadata["name"] = ns;
            }
            else if (!ClusterScoped.Contains(kind) && (Str(metadata["namespace"]) is null || Str(metadata["namespace"]) == source))
            {
                metadata["namespace"] = ns;
            }

            switch (kind)
            {
                case "ClusterRoleBinding" or "RoleBinding":
                    foreach (var subject in (obj["subjects"] as JsonArray ?? []).OfType<JsonObject>().Where(s => Str(s["namespace"]) == source))
                    {
                        subject["namespace"] = ns;
                    }

                    break;
                case "MutatingWebhookConfiguration" or "ValidatingWebhookConfiguration":
                    foreach (var webhook in (obj["webhooks"] as JsonArray ?? []).OfType<JsonObject>())
                    {
                        Webhook(webhook, source, ns, caBundle);
                    }

                    break;
                case "Deployment" when Name(obj) == InstalledNames.WebhookDeployment && options.WebhookImage is { } image:
                    webhookImageSet = SetImage(obj, image);
                    break;
                case "DaemonSet" when Name(obj) == InstalledNames.AgentDaemonSet && options.AgentImage is { } image:
                    agentImageSet = SetImage(obj, image);
                    break;
                case "ConfigMap" when Name(obj) == InstalledNames.ConfigMap && options.ConfigYaml is { } config:
                    obj["data"] = new JsonObject { [NetguardConfigLoader.ConfigMapKey] = config.EndsWith('\n') ? config : config + "\n" };
                    configSet = true;
                    break;
                case "ConfigMap" when Name(obj) == InstalledNames.ConfigMap && ns != source:
                    MoveAssignments(obj, source, ns);
                    break;
            }
        }

        Require(options.WebhookImage is null || webhookImageSet, $"--image: no Deployment {InstalledNames.WebhookDeployment} in the manifests");
        Require(options.AgentImage is null || agentImageSet, $"--agent-image: no DaemonSet {InstalledNames.AgentDaemonSet} in the manifests");
        Require(options.ConfigYaml is null || configSet, "--config: no ConfigMap netguard-config in the manifests");

        objects.Add(TlsSecret(secretName, ns, certificates));
        return objects.Select((o, i) => (Object: o, Index: i)).OrderBy(x => Rank(Kind(x.Object))).ThenBy(x => x.Index).Select(x => x.Object).ToList();
    }

    private static void Webhook(JsonObject webhook, string source, string ns, string caBundle)
    {
        if (webhook["clientConfig"] is not JsonObject clientConfig)
        {
            return;
        }

        clientConfig["caBundle"] = caBundle;
        if (clientConfig["service"] is JsonObject service && Str(service["namespace"]) == source)
        {
            service["namespace"] = ns;
        }

        // The webhook never judges its own namespace's objects: the exclusion follows the namespace.
        foreach (var expression in (webhook["namespaceSelector"]?["matchExpressions"] as JsonArray ?? []).OfType<JsonObject>())
        {
            if (Str(expression["key"]) == Namespace.NameLabel && expression["values"] is JsonArray values)
            {
                Rename(values, source, ns);
            }
        }
    }

    /// <summary>
    /// The shipped config assigns the control-plane class to the webhook by its namespace; that assignment follows the
    /// namespace like everything else. The config is re-written only when something moved (its comments are lost then).
    /// </summary>
    private static void MoveAssignments(JsonObject configMap, string source, string ns)
    {
        if (configMap["data"]?[NetguardConfigLoader.ConfigMapKey] is not JsonValue value || !value.TryGetValue(out string? yaml))
        {
            return;
        }

        var config = YamlJsonReader.ReadSingle(yaml).Root;
        var moved = false;
        foreach (var assignment in (config?["qos"]?["assignments"] as JsonArray ?? []).OfType<JsonObject>())
        {
            moved |= assignment["namespaces"] is JsonArray namespaces && Rename(namespaces, source, ns);
        }

        if (moved)
        {
            configMap["data"]![NetguardConfigLoader.ConfigMapKey] = YamlJsonWriter.Write(config);
        }
    }

    /// <summary>Replaces <paramref name="source"/> by <paramref name="ns"/> in a list of namespace names; true when it was there.</summary>
    private static bool Rename(JsonArray names, string source, string ns)
    {
        var renamed = false;
        for (var i = 0; i < names.Count; i++)
        {
            if (Str(names[i]) == source)
            {
                names[i] = ns;
                renamed = true;
            }
        }

        return renamed;
    }

    private static bool SetImage(JsonObject workload, string image)
    {
        var containers = (workload["spec"]?["template"]?["spec"]?["containers"] as JsonArray ?? []).OfType<JsonObject>().ToList();
        foreach (var container in containers)
        {
            container["image"] = image;
        }

        return containers.Count > 0;
    }

    private static JsonObject TlsSecret(string name, string ns, WebhookCertificates certificates) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "Secret",
        ["metadata"] = new JsonObject
        {
            ["name"] = name,
            ["namespace"] = ns,
            ["labels"] = new JsonObject
            {
                ["app.kubernetes.io/name"] = InstalledNames.WebhookDeployment,
                ["app.kubernetes.io/part-of"] = "netguard",
            },
        },
        ["type"] = "kubernetes.io/tls",
        ["data"] = new JsonObject
        {
            ["tls.crt"] = Base64(certificates.ServingCertificatePem),
            ["tls.key"] = Base64(certificates.ServingKeyPem),
            ["ca.crt"] = Base64(certificates.CaCertificatePem),
        },
    };

    /// <summary>The Secret the webhook Deployment mounts its certificate from.</summary>
    private static string TlsSecretName(IEnumerable<JsonObject> objects)
    {
        var deployment = objects.FirstOrDefault(o => Kind(o) == "Deployment" && Name(o) == InstalledNames.WebhookDeployment)
            ?? throw new InvalidOperationException($"no Deployment {InstalledNames.WebhookDeployment} in the manifests");
        return (deployment["spec"]?["template"]?["spec"]?["volumes"] as JsonArray ?? [])
            .Select(v => Str(v?["secret"]?["secretName"]))
            .FirstOrDefault(n => n is not null)
            ?? throw new InvalidOperationException($"Deployment {InstalledNames.WebhookDeployment} mounts no Secret");
    }

    private static List<string> WebhookServiceNames(IEnumerable<EmbeddedManifest> manifests)
    {
        var names = manifests
            .Where(m => m.Kind is "MutatingWebhookConfiguration" or "ValidatingWebhookConfiguration")
            .SelectMany(m => m.Object["webhooks"] as JsonArray ?? [])
            .Select(w => Str(w?["clientConfig"]?["service"]?["name"]))
            .OfType<string>()
            .Distinct(StringComparer.Ordinal)
            .ToList();
        return names.Count > 0 ? names : throw new InvalidOperationException("no webhook in the manifests calls a Service");
    }

    private static string Base64(string text) => Convert.ToBase64String(Encoding.ASCII.GetBytes(text));

    private static int Rank(string kind) => kind switch
    {
        "MutatingWebhookConfiguration" => ApplyOrder.Length + 1,
        "ValidatingWebhookConfiguration" => ApplyOrder.Length + 2,
        _ => Array.IndexOf(ApplyOrder, kind) is var i and >= 0 ? i : ApplyOrder.Length,
    };

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new InvalidOperationException(message);
        }
    }

    private static string Kind(JsonObject obj) => Str(obj["kind"]) ?? "";

    private static string Name(JsonObject obj) => Str(obj["metadata"]?["name"]) ?? "";

    private static string? Str(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
