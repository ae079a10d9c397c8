using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Netguard.Core.Admission;
using Netguard.Core.Check;
using Netguard.Core.Config;
using Netguard.Core.JsonPatch;
using Netguard.Core.Manifests;
using Netguard.Core.Rules;
using Netguard.Webhook.Cluster;
using Netguard.Webhook.Tests.Infrastructure;

namespace Netguard.Webhook.Tests.Admission;

/// <summary>
/// `check` and the webhook give the same verdicts on the same objects (SPEC §5: one engine). For every object
/// in manifests/examples the webhook admits (Pods, Nodes, Services, NetworkPolicies) — and the Pod each
/// workload's template stands for — the webhook's /mutate, then /validate on the mutated object, must match
/// `check`: allowed, the rules that fired, warnings, and the patch (or the mutated template).
/// </summary>
public sealed class CheckAgreementTests : IAsyncLifetime
{
    private static readonly string[] WebhookKinds = ["Pod", "Node", "Service", "NetworkPolicy"];

    private readonly List<CheckInput> _inputs;
    private readonly CheckReport _report;
    private WebhookTestServer _server = null!;
    private HttpClient _client = null!;

    public CheckAgreementTests()
    {
        _inputs = ManifestReader.ReadPaths([RepositoryPaths.Of("manifests", "examples")])
            .Where(m => m.Kind != "NetguardConfig")
            .Select(m => new CheckInput(m.Object, m.Source.ToString(), 1))
            .ToList();
        _report = new CheckRunner(BuiltInRules.CreateEngine()).Run(_inputs, Config);
    }

    private static readonly string ConfigPath = RepositoryPaths.Of("manifests", "examples", "config.yaml");

    private static NetguardConfig Config => NetguardConfigLoader.LoadFile(ConfigPath).GetConfigOrThrow();

    public async Task InitializeAsync()
    {
        // The webhook sees the same cluster state `check` builds from the manifests.
        var cluster = new FakeClusterState { Snapshot = ManifestSnapshot.Build(_inputs) };
        foreach (var cache in cluster.Caches)
        {
            cluster.Sync(cache.Resource, 0);
        }

        // Both read manifests/examples/config.yaml: `check --config` and the webhook's --config.
        _server = await WebhookTestServer.StartAsync(
            BuiltInRules.All,
            options: o => o with { ConfigFile = ConfigPath },
            services: s => s.AddSingleton<IClusterState>(cluster));
        _client = _server.CreateClient();
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public void Examples_CoverEveryKindTheWebhookAdmits()
    {
        var kinds = _inputs.Select(i => i.Object["kind"]!.GetValue<string>()).ToHashSet();
        WebhookKinds.ShouldAllBe(k => kinds.Contains(k));
        _inputs.Count(i => PodTemplateAdmission.IsWorkload(i.Object["kind"]!.GetValue<string>())).ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task DirectObjects_WebhookMatchesCheck()
    {
        int compared = 0, denied = 0, patched = 0, warned = 0;
        for (var i = 0; i < _inputs.Count; i++)
        {
            var obj = _inputs[i].Object;
            var kind = obj["kind"]!.GetValue<string>();
            if (!WebhookKinds.Contains(kind))
            {
                continue;
            }

            var expected = _report.Results[i];
            var (allowed, rules, warnings, patch, _) = await AdmitAsync(obj.DeepClone().AsObject(), kind, expected.Namespace);
            var what = $"{kind} {expected.Namespace}/{expected.Name}";

            allowed.ShouldBe(expected.Allowed, what);
            rules.ShouldBe(expected.Findings.Select(f => f.Rule).ToHashSet(), ignoreOrder: true, what);
            warnings.ShouldBe(expected.Findings.Count(f => f.Action == FindingAction.Warn), what);
            JsonNode.DeepEquals(patch ?? [], ToJson(expected.Patch)).ShouldBeTrue($"{what}: webhook {patch?.ToJsonString()} vs check {ToJson(expected.Patch).ToJsonString()}");
            compared++;
            denied += allowed ? 0 : 1;
            patched += patch is null ? 0 : 1;
            warned += warnings > 0 ? 1 : 0;
        }

        // The examples exercise every kind of verdict, so agreement is not vacuous.
        compared.ShouldBeGreaterThanOrEqualTo(10);
        denied.ShouldBeGreaterThan(0);
        patched.ShouldBeGreaterThan(0);
        warned.ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task WorkloadTemplates_WebhookOnTheirPodMatchesCheck()
    {
        var compared = 0;
        for (var i = 0; i < _inputs.Count; i++)
        {
            var obj = _inputs[i].Object;
            var kind = obj["kind"]!.GetValue<string>();
            if (!PodTemplateAdmission.IsWorkload(kind) || PodTemplateAdmission.ToPod(kind, obj) is not { } pod)
            {
                continue;
            }

            var expected = _report.Results[i];
            var (allowed, rules, warnings, _, mutatedPod) = await AdmitAsync(pod, "Pod", expected.Namespace);
            var what = $"{kind} {expected.Namespace}/{expected.Name}";

            allowed.ShouldBe(expected.Allowed, what);
            rules.ShouldBe(expected.Findings.Select(f => f.Rule).ToHashSet(), ignoreOrder: true, what);
            warnings.ShouldBe(expected.Findings.Count(f => f.Action == FindingAction.Warn), what);

            // The mutated Pod and check's mutated template agree on everything the rules touch.
            var template = Find(expected.MutatedObject, PodTemplateAdmission.TemplatePath(kind));
            JsonNode.DeepEquals(mutatedPod["spec"], template?["spec"]).ShouldBeTrue(what + " spec");
            JsonNode.DeepEquals(mutatedPod["metadata"]?["annotations"], template?["metadata"]?["annotations"]).ShouldBeTrue(what + " annotations");
            compared++;
        }

        compared.ShouldBeGreaterThanOrEqualTo(5);
    }

    private async Task<(bool Allowed, HashSet<string> Rules, int Warnings, JsonArray? Patch, JsonObject Mutated)> AdmitAsync(JsonObject obj, string kind, string ns)
    {
        var group = kind == "NetworkPolicy" ? "networking.k8s.io" : "";
        var review = new JsonObject
        {
            ["apiVersion"] = "admission.k8s.io/v1",
            ["kind"] = "AdmissionReview",
            ["request"] = new JsonObject
            {
                ["uid"] = Guid.NewGuid().ToString(),
                ["kind"] = new JsonObject { ["group"] = group, ["version"] = "v1", ["kind"] = kind },
                ["operation"] = "CREATE",
                ["namespace"] = ns.Length == 0 ? null : ns,
                ["userInfo"] = new JsonObject { ["username"] = "kubernetes-admin", ["groups"] = new JsonArray("system:authenticated") },
                ["object"] = obj,
            },
        };

        var (_, mutate, _) = await _client.PostAsync("/mutate", review);
        var patch = mutate!.DecodedPatch();
        var mutated = patch is null ? obj : Apply(obj, patch);
        review.Request()["object"] = mutated.DeepClone();
        var (_, validate, _) = await _client.PostAsync("/validate", review);

        var rules = new HashSet<string>(StringComparer.Ordinal);
        var warnings = 0;
        foreach (var answer in new[] { mutate, validate! })
        {
            var response = answer!["response"]!;
            foreach (var id in response["auditAnnotations"]?["netguard.io/rules"]?.GetValue<string>().Split(',') ?? [])
            {
                rules.Add(id);
            }

            warnings += response["warnings"]?.AsArray().Count ?? 0;
        }

        var allowed = mutate!["response"]!["allowed"]!.GetValue<bool>() && validate!["response"]!["allowed"]!.GetValue<bool>();
        return (allowed, rules, warnings, patch, mutated);
    }

    private static JsonArray ToJson(IReadOnlyList<JsonPatchOperation> patch) => JsonPatchDocument.ToJsonArray(patch);

    private static JsonObject Apply(JsonObject obj, JsonArray patch) =>
        JsonPatchApplier.Apply(obj, patch.Select(op => new JsonPatchOperation(
            op!["op"]!.GetValue<string>(), op["path"]!.GetValue<string>(), op["value"]?.DeepClone(), op["from"]?.GetValue<string>())))!
            .AsObject();

    private static JsonNode? Find(JsonNode? node, IReadOnlyList<string> path) =>
        path.Aggregate(node, (n, segment) => n?[segment]);
}
