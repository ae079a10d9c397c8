using System.Text.Json.Nodes;
using Netguard.Core.Admission;
using Netguard.Core.Kube.Resources;
using Netguard.Core.Manifests;
using Netguard.Core.Rules;
using Netguard.Webhook.Tests.Infrastructure;

namespace Netguard.Webhook.Tests.Manifests;

/// <summary>
/// Parses every YAML in manifests/webhook and asserts the properties operators rely on: the webhook
/// configurations (failure policies, side effects, timeouts, selectors, exactly the rules' kinds and
/// operations), the Deployment's availability and security settings, RBAC least privilege.
/// </summary>
public sealed class WebhookManifestTests
{
    private static readonly string[] ExcludedNamespaces = ["kube-system", "netguard-system"];
    private static readonly string[] ReadOnlyVerbs = ["get", "list", "watch"];

    private readonly IReadOnlyList<Manifest> _manifests = ManifestReader.ReadPaths([RepositoryPaths.Of("manifests", "webhook")]);

    [Fact]
    public void Kustomizations_ListEveryManifestFile()
    {
        var dir = RepositoryPaths.Of("manifests", "webhook");
        var files = Directory.GetFiles(dir, "*.yaml").Select(Path.GetFileName).Where(f => f != "kustomization.yaml").Order(StringComparer.Ordinal).ToList();

        Resources(Path.Combine(dir, "kustomization.yaml")).Order(StringComparer.Ordinal).ShouldBe(files!);

        var top = Resources(RepositoryPaths.Of("manifests", "kustomization.yaml"));
        top.ShouldContain("webhook");
        if (Directory.Exists(RepositoryPaths.Of("manifests", "agent")))
        {
            top.ShouldContain("agent");
        }
    }

    [Fact]
    public void MutatingWebhooks_IgnoreFailures_NoSideEffects_ShortTimeouts_V1Only()
    {
        foreach (var webhook in Webhooks("MutatingWebhookConfiguration"))
        {
            var name = webhook["name"]!.GetValue<string>();
            Str(webhook, "failurePolicy").ShouldBe("Ignore", name);
            AssertCommon(webhook, "/mutate");
        }
    }

    [Fact]
    public void ValidatingWebhooks_FailClosed_NoSideEffects_ShortTimeouts_V1Only()
    {
        foreach (var webhook in Webhooks("ValidatingWebhookConfiguration"))
        {
            var name = webhook["name"]!.GetValue<string>();
            Str(webhook, "failurePolicy").ShouldBe("Fail", name);
            AssertCommon(webhook, "/validate");
        }
    }

    [Theory]
    [InlineData("MutatingWebhookConfiguration", RulePhase.Mutate)]
    [InlineData("ValidatingWebhookConfiguration", RulePhase.Validate)]
    public void WebhookRules_AreExactlyTheKindsAndOperationsOfTheRules(string configurationKind, RulePhase phase)
    {
        // What the rule registry evaluates in this phase (audit-only rules never run in the webhook).
        var expected = BuiltInRules.All
            .Select(r => r.Descriptor)
            .Where(d => d.Phases.HasFlag(phase) && !d.AuditOnly)
            .SelectMany(d => d.Kinds.SelectMany(k => d.Operations.Select(o => Key(Resource(k), o.ToString().ToUpperInvariant()))))
            .ToHashSet();

        var actual = new List<string>();
        foreach (var webhook in Webhooks(configurationKind))
        {
            foreach (var rule in webhook["rules"]!.AsArray().Select(r => r!.AsObject()))
            {
                Strings(rule["apiVersions"]).ShouldBe(["v1"]);
                foreach (var group in Strings(rule["apiGroups"]))
                {
                    foreach (var resource in Strings(rule["resources"]))
                    {
                        var res = KubeResource.All.Single(r => r.Plural == resource && r.Group == group);
                        Str(rule, "scope").ShouldBe(res.Namespaced ? "Namespaced" : "Cluster");
                        actual.AddRange(Strings(rule["operations"]).Select(op => Key(res, op)));
                    }
                }
            }
        }

        actual.Count.ShouldBe(actual.Distinct().Count(), "a kind/operation is sent twice");
        actual.ToHashSet().ShouldBe(expected, ignoreOrder: true);
    }

    [Fact]
    public void Webhooks_NamespacedRulesExcludeSystemNamespaces_ClusterScopedRulesUseAnObjectSelector()
    {
        foreach (var webhook in Webhooks("MutatingWebhookConfiguration").Concat(Webhooks("ValidatingWebhookConfiguration")))
        {
            var name = webhook["name"]!.GetValue<string>();
            var scopes = webhook["rules"]!.AsArray().Select(r => Str(r!.AsObject(), "scope")).Distinct().ToList();
            scopes.Count.ShouldBe(1, $"{name}: one scope per webhook, so each gets the right selector");
            if (scopes[0] == "Namespaced")
            {
                var expressions = webhook["namespaceSelector"]!["matchExpressions"]!.AsArray();
                expressions.Count.ShouldBe(1);
                Str(expressions[0]!.AsObject(), "key").ShouldBe("kubernetes.io/metadata.name");
                Str(expressions[0]!.AsObject(), "operator").ShouldBe("NotIn");
                Strings(expressions[0]!["values"]).ShouldBe(ExcludedNamespaces, ignoreOrder: true);
            }
            else
            {
                // namespaceSelector never matches cluster-scoped objects; these go by the node's own labels.
                webhook.ContainsKey("namespaceSelector").ShouldBeFalse(name);
                var expression = webhook["objectSelector"]!["matchExpressions"]!.AsArray().Single()!.AsObject();
                Str(expression, "key").ShouldBe("node-role.kubernetes.io/control-plane");
                Str(expression, "operator").ShouldBe("Exists");
            }
        }
    }

    [Fact]
    public void Deployment_TwoReplicasSpreadOverNodes_SystemClusterCritical_HardenedContainer()
    {
        var deployment = Single("Deployment", "netguard-webhook");
        var spec = deployment["spec"]!;
        spec["replicas"]!.GetValue<long>().ShouldBe(2);
        var pod = spec["template"]!["spec"]!;
        Str(pod, "priorityClassName").ShouldBe("system-cluster-critical");
        Str(pod, "serviceAccountName").ShouldBe("netguard-webhook");

        var antiAffinity = pod["affinity"]!["podAntiAffinity"]!.AsObject();
        var terms = (antiAffinity["requiredDuringSchedulingIgnoredDuringExecution"]?.AsArray().Select(t => t!)
                ?? antiAffinity["preferredDuringSchedulingIgnoredDuringExecution"]!.AsArray().Select(t => t!["podAffinityTerm"]!))
            .ToList();
        terms.ShouldContain(t => Str(t, "topologyKey") == "kubernetes.io/hostname"
            && JsonNode.DeepEquals(t["labelSelector"]!["matchLabels"], spec["selector"]!["matchLabels"]));

        var podSecurity = pod["securityContext"]!;
        podSecurity["runAsNonRoot"]!.GetValue<bool>().ShouldBeTrue();
        Str(podSecurity["seccompProfile"]!, "type").ShouldBe("RuntimeDefault");

        var container = pod["containers"]!.AsArray().Single()!;
        var security = container["securityContext"]!;
        security["readOnlyRootFilesystem"]!.GetValue<bool>().ShouldBeTrue();
        security["allowPrivilegeEscalation"]!.GetValue<bool>().ShouldBeFalse();
        security["runAsNonRoot"]!.GetValue<bool>().ShouldBeTrue();
        Strings(security["capabilities"]!["drop"]).ShouldBe(["ALL"]);
        security["capabilities"]!.AsObject().ContainsKey("add").ShouldBeFalse();
        Str(security["seccompProfile"]!, "type").ShouldBe("RuntimeDefault");

        foreach (var bound in new[] { "requests", "limits" })
        {
            container["resources"]![bound]!["memory"].ShouldNotBeNull(bound);
        }

        container["resources"]!["requests"]!["cpu"].ShouldNotBeNull();
    }

    [Fact]
    public void Deployment_ProbesOverHttps_OnTheServingPort()
    {
        var container = Single("Deployment", "netguard-webhook")["spec"]!["template"]!["spec"]!["containers"]!.AsArray().Single()!;
        var port = container["ports"]!.AsArray().Single()!;
        Str(port, "name").ShouldBe("https");
        port["containerPort"]!.GetValue<long>().ShouldBe(8443);
        Strings(container["args"]).ShouldContain("--listen=0.0.0.0:8443");

        foreach (var (probe, path) in new[] { ("livenessProbe", "/healthz"), ("readinessProbe", "/readyz") })
        {
            var get = container[probe]!["httpGet"]!;
            Str(get, "path").ShouldBe(path, probe);
            Str(get, "scheme").ShouldBe("HTTPS", probe);
            Str(get, "port").ShouldBe("https", probe);
        }
    }

    [Fact]
    public void Deployment_MountsTheCertificateSecretAndConfigMapAsDirectories()
    {
        var pod = Single("Deployment", "netguard-webhook")["spec"]!["template"]!["spec"]!;
        var container = pod["containers"]!.AsArray().Single()!;
        var volumes = pod["volumes"]!.AsArray().ToDictionary(v => Str(v!, "name"), v => v!);
        var mounts = container["volumeMounts"]!.AsArray().ToDictionary(m => Str(m!, "name"), m => m!);
        var args = Strings(container["args"]);

        Str(volumes["tls"]["secret"]!, "secretName").ShouldBe("netguard-webhook-tls");
        Str(volumes["config"]["configMap"]!, "name").ShouldBe("netguard-config");
        foreach (var mount in mounts.Values)
        {
            // subPath mounts never see the kubelet's "..data" swap, so reloads would silently stop.
            mount.AsObject().ContainsKey("subPath").ShouldBeFalse(Str(mount, "name"));
        }

        var tls = Str(mounts["tls"], "mountPath");
        args.ShouldContain($"--tls-cert-file={tls}/tls.crt");
        args.ShouldContain($"--tls-key-file={tls}/tls.key");
        args.ShouldContain($"--config={Str(mounts["config"], "mountPath")}/config.yaml");
        mounts["tls"]["readOnly"]!.GetValue<bool>().ShouldBeTrue();
    }

    [Fact]
    public void ServiceAndPdb_SelectTheWebhookPods()
    {
        var podLabels = Single("Deployment", "netguard-webhook")["spec"]!["template"]!["metadata"]!["labels"]!.AsObject();
        var service = Single("Service", "netguard-webhook");
        var port = service["spec"]!["ports"]!.AsArray().Single()!;
        port["port"]!.GetValue<long>().ShouldBe(443);
        Str(port, "targetPort").ShouldBe("https");
        Matches(service["spec"]!["selector"]!.AsObject(), podLabels).ShouldBeTrue();

        var pdb = Single("PodDisruptionBudget", "netguard-webhook");
        pdb["spec"]!["minAvailable"]!.GetValue<long>().ShouldBe(1);
        Matches(pdb["spec"]!["selector"]!["matchLabels"]!.AsObject(), podLabels).ShouldBeTrue();
    }

    [Fact]
    public void Rbac_OnlyReadsTheFourWatchedKinds()
    {
        var role = Single("ClusterRole", "netguard-webhook");
        var granted = role["rules"]!.AsArray().SelectMany(r =>
        {
            Strings(r!["verbs"]).ShouldBe(ReadOnlyVerbs, ignoreOrder: true);
            r.AsObject().ContainsKey("resourceNames").ShouldBeFalse();
            return Strings(r["apiGroups"]).SelectMany(g => Strings(r["resources"]).Select(res => $"{g}/{res}"));
        }).ToList();
        granted.ShouldBe(["/nodes", "/namespaces", "/pods", "networking.k8s.io/networkpolicies"], ignoreOrder: true);
        _manifests.ShouldNotContain(m => m.Kind == "Role" || m.Kind == "RoleBinding");

        var binding = Single("ClusterRoleBinding", "netguard-webhook");
        Str(binding["roleRef"]!, "name").ShouldBe("netguard-webhook");
        var subject = binding["subjects"]!.AsArray().Single()!;
        (Str(subject, "kind"), Str(subject, "name"), Str(subject, "namespace")).ShouldBe(("ServiceAccount", "netguard-webhook", "netguard-system"));
    }

    [Fact]
    public void ConfigMap_HoldsTheConfigUnderConfigYaml()
    {
        var configMap = Single("ConfigMap", "netguard-config");
        configMap["metadata"]!["namespace"]!.GetValue<string>().ShouldBe("netguard-system");
        var yaml = configMap["data"]!["config.yaml"]!.GetValue<string>();
        var loaded = Netguard.Core.Config.NetguardConfigLoader.Load(yaml, "configmap.yaml");
        loaded.ProblemLines.ShouldBeEmpty();
    }

    [Fact]
    public void EveryNamespacedObject_LivesInNetguardSystem()
    {
        Single("Namespace", "netguard-system");
        foreach (var m in _manifests.Where(m => m.Kind is not ("Namespace" or "ClusterRole" or "ClusterRoleBinding" or "MutatingWebhookConfiguration" or "ValidatingWebhookConfiguration")))
        {
            m.Namespace.ShouldBe("netguard-system", m.ToString());
        }
    }

    private static void AssertCommon(JsonObject webhook, string path)
    {
        var name = webhook["name"]!.GetValue<string>();
        name.Split('.').Length.ShouldBeGreaterThanOrEqualTo(3, "webhook names are fully qualified");
        Str(webhook, "sideEffects").ShouldBe("None", name);
        var timeout = (int)webhook["timeoutSeconds"]!.GetValue<long>();
        timeout.ShouldBeInRange(1, 5, name);
        Strings(webhook["admissionReviewVersions"]).ShouldBe(["v1"], name);
        var service = webhook["clientConfig"]!["service"]!;
        (Str(service, "name"), Str(service, "namespace"), Str(service, "path")).ShouldBe(("netguard-webhook", "netguard-system", path), name);
        service["port"]!.GetValue<long>().ShouldBe(443);
    }

    private List<JsonObject> Webhooks(string configurationKind)
    {
        var configuration = Single(configurationKind, "netguard-webhook");
        var webhooks = configuration["webhooks"]!.AsArray().Select(w => w!.AsObject()).ToList();
        webhooks.ShouldNotBeEmpty();
        return webhooks;
    }

    private JsonObject Single(string kind, string name)
    {
        var matches = _manifests.Where(m => m.Kind == kind && m.Name == name).ToList();
        matches.Count.ShouldBe(1, $"{kind}/{name}");
        return matches[0].Object;
    }

    private static KubeResource Resource(string kind) => KubeResource.All.Single(r => r.Kind == kind);

    private static string Key(KubeResource resource, string operation) => $"{resource.Group}/{resource.Plural} {operation}";

    private static string Str(JsonNode node, string property) => node[property]!.GetValue<string>();

    private static List<string> Strings(JsonNode? array) => array!.AsArray().Select(v => v!.GetValue<string>()).ToList();

    private static bool Matches(JsonObject selector, JsonObject labels) =>
        selector.All(p => labels[p.Key]?.GetValue<string>() == p.Value!.GetValue<string>());

    private static List<string> Resources(string kustomization) =>
        File.ReadAllLines(kustomization)
            .SkipWhile(l => l.Trim() != "resources:")
            .Skip(1)
            .TakeWhile(l => l.TrimStart().StartsWith("- ", StringComparison.Ordinal))
            .Select(l => l.Trim()[2..].Trim())
            .ToList();
}
