using System.Text.Json.Nodes;
using Netguard.Core.JsonPatch;
using Netguard.Core.Rules;
using Netguard.Webhook.Tests.Infrastructure;

namespace Netguard.Webhook.Tests.Admission;

/// <summary>
/// The real rules of SPEC §5 behind the real server (offline, built-in default config of SPEC §4), fed the
/// AdmissionReview fixtures. Expected objects are worked out from the SPEC text and the default config.
/// </summary>
public sealed class BuiltInRulesFixtureTests : IAsyncLifetime
{
    private WebhookTestServer _server = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _server = await WebhookTestServer.StartAsync(BuiltInRules.All);
        _client = _server.CreateClient();
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task PodCreate_Mutate_StampsTheDefaultClassAndAddsTheZoneSpread()
    {
        var review = AdmissionFixtures.Load("pod-create");

        var (status, body, _) = await _client.PostAsync("/mutate", review);

        status.ShouldBe(200);
        var response = body!["response"]!.AsObject();
        response["allowed"]!.GetValue<bool>().ShouldBeTrue();
        response["patchType"]!.GetValue<string>().ShouldBe("JSONPatch");
        response["auditAnnotations"]!["netguard.io/rules"]!.GetValue<string>().Split(',').Order(StringComparer.Ordinal)
            .ShouldBe(["qos-class", "topology-spread"]);
        var mutated = Apply(review.Object(), body.DecodedPatch()!);

        // qos: no assignment matches a "shop" pod without netguard.io/workload=batch → defaultClass "standard".
        JsonNode.DeepEquals(mutated["metadata"]!["annotations"], JsonNode.Parse("""
            {"netguard.io/qos-class": "standard", "netguard.io/qos-source": "default"}
            """)).ShouldBeTrue(mutated["metadata"]!["annotations"]!.ToJsonString());

        // topology.spread default entry; selector from app.kubernetes.io/name; ReplicaSet pod → matchLabelKeys.
        JsonNode.DeepEquals(mutated["spec"]!["topologySpreadConstraints"], JsonNode.Parse("""
            [{"maxSkew": 1, "topologyKey": "topology.kubernetes.io/zone", "whenUnsatisfiable": "ScheduleAnyway",
              "labelSelector": {"matchLabels": {"app.kubernetes.io/name": "web"}}, "matchLabelKeys": ["pod-template-hash"]}]
            """)).ShouldBeTrue(mutated["spec"]!["topologySpreadConstraints"]!.ToJsonString());

        // Nothing else changed.
        mutated["spec"]!.AsObject().Remove("topologySpreadConstraints");
        mutated["metadata"]!.AsObject().Remove("annotations");
        JsonNode.DeepEquals(mutated, AdmissionFixtures.Load("pod-create").Object()).ShouldBeTrue();
    }

    [Fact]
    public async Task PodCreate_MutateItsOwnOutput_EmptyPatch_ThenValidateAllows()
    {
        var review = AdmissionFixtures.Load("pod-create");
        var (_, first, _) = await _client.PostAsync("/mutate", review);
        review.Request()["object"] = Apply(review.Object(), first!.DecodedPatch()!);

        var (_, second, _) = await _client.PostAsync("/mutate", review);
        var (_, validated, _) = await _client.PostAsync("/validate", review);

        second!["response"]!.AsObject().ContainsKey("patch").ShouldBeFalse();
        var response = validated!["response"]!.AsObject();
        response["allowed"]!.GetValue<bool>().ShouldBeTrue();
        response.ContainsKey("warnings").ShouldBeFalse();
    }

    [Theory]
    [InlineData("""{"key": "node-role.kubernetes.io/control-plane", "operator": "Exists", "effect": "NoSchedule"}""")]
    [InlineData("""{"key": "node-role.kubernetes.io/master", "operator": "Exists"}""")]
    [InlineData("""{"operator": "Exists"}""")]
    public async Task PodCreate_ToleratingTheControlPlaneTaint_Denied403(string toleration)
    {
        var review = AdmissionFixtures.Load("pod-create");
        review.Object()["spec"]!["tolerations"]!.AsArray().Add(JsonNode.Parse(toleration));

        var (_, body, _) = await _client.PostAsync("/validate", review);

        var response = body!["response"]!.AsObject();
        response["allowed"]!.GetValue<bool>().ShouldBeFalse();
        response["status"]!["code"]!.GetValue<int>().ShouldBe(403);
        response["status"]!["message"]!.GetValue<string>().ShouldContain("[control-plane-toleration]");
        response["auditAnnotations"]!["netguard.io/rules"]!.GetValue<string>().ShouldContain("control-plane-toleration");
    }

    [Fact]
    public async Task PodUpdate_ToARequestableClass_Allowed()
    {
        var (_, body, _) = await _client.PostAsync("/validate", AdmissionFixtures.Load("pod-update"));

        body!["response"]!["allowed"]!.GetValue<bool>().ShouldBeTrue();
    }

    [Fact]
    public async Task PodUpdate_EscalatingToControlPlaneClass_DeniedByQosClassForbidden()
    {
        var review = AdmissionFixtures.Load("pod-update");
        review.Object()["metadata"]!["annotations"]!["netguard.io/qos-class"] = "control-plane";

        var (_, body, _) = await _client.PostAsync("/validate", review);

        body!["response"]!["allowed"]!.GetValue<bool>().ShouldBeFalse();
        body["response"]!["status"]!["message"]!.GetValue<string>().ShouldContain("[qos-class-forbidden]");
    }

    [Fact]
    public async Task PodUpdate_UnknownClass_DeniedByQosClassUnknown()
    {
        var review = AdmissionFixtures.Load("pod-update");
        review.Object()["metadata"]!["annotations"]!["netguard.io/qos-class"] = "gold";

        var (_, body, _) = await _client.PostAsync("/validate", review);

        body!["response"]!["allowed"]!.GetValue<bool>().ShouldBeFalse();
        body["response"]!["status"]!["message"]!.GetValue<string>().ShouldContain("[qos-class-unknown]");
    }

    [Fact]
    public async Task NodeCreate_ControlPlaneNodeWithoutTaint_MutateAddsTheTaint()
    {
        var review = AdmissionFixtures.Load("node-create");

        var (_, body, _) = await _client.PostAsync("/mutate", review);

        var response = body!["response"]!.AsObject();
        response["allowed"]!.GetValue<bool>().ShouldBeTrue();
        response["auditAnnotations"]!["netguard.io/rules"]!.GetValue<string>().ShouldBe("control-plane-taint");
        var mutated = Apply(review.Object(), body.DecodedPatch()!);
        JsonNode.DeepEquals(mutated["spec"]!["taints"], JsonNode.Parse("""[{"key": "node-role.kubernetes.io/control-plane", "effect": "NoSchedule"}]"""))
            .ShouldBeTrue(mutated["spec"]!["taints"]!.ToJsonString());
    }

    [Theory]
    [InlineData("alice@example.com", "system:authenticated", false)]
    [InlineData("admin", "system:masters", true)]
    public async Task NodeUpdate_RemovingTheTaint_OnlyTaintAdminsMay(string user, string group, bool allowed)
    {
        var review = AdmissionFixtures.Load("node-create");
        var request = review.Request();
        request["operation"] = "UPDATE";
        request["userInfo"] = new JsonObject { ["username"] = user, ["groups"] = new JsonArray(group) };
        var old = review.Object().DeepClone().AsObject();
        old["spec"]!["taints"] = JsonNode.Parse("""[{"key": "node-role.kubernetes.io/control-plane", "effect": "NoSchedule"}]""");
        request["oldObject"] = old;

        var (_, body, _) = await _client.PostAsync("/validate", review);

        body!["response"]!["allowed"]!.GetValue<bool>().ShouldBe(allowed);
        if (!allowed)
        {
            body["response"]!["status"]!["message"]!.GetValue<string>().ShouldContain("[control-plane-taint]");
        }
    }

    [Fact]
    public async Task NetworkPolicyCreate_AllowAllIngress_AllowedWithOneWarning()
    {
        var (_, body, _) = await _client.PostAsync("/validate", AdmissionFixtures.Load("networkpolicy-create"));

        var response = body!["response"]!.AsObject();
        response["allowed"]!.GetValue<bool>().ShouldBeTrue();
        var warning = response["warnings"]!.AsArray().Single()!.GetValue<string>();
        warning.ShouldStartWith("[netpol-allow-all] ");
        warning.Length.ShouldBeLessThanOrEqualTo(120);
        response["auditAnnotations"]!["netguard.io/rules"]!.GetValue<string>().ShouldBe("netpol-allow-all");
    }

    [Fact]
    public async Task NetworkPolicyCreate_DefaultDenyEgressWithoutDns_DeniedByNetpolBlocksDns()
    {
        var review = AdmissionFixtures.Load("networkpolicy-create");
        review.Object()["spec"] = JsonNode.Parse("""{"podSelector": {}, "policyTypes": ["Egress"]}""");

        var (_, body, _) = await _client.PostAsync("/validate", review);

        body!["response"]!["allowed"]!.GetValue<bool>().ShouldBeFalse();
        body["response"]!["status"]!["message"]!.GetValue<string>().ShouldContain("[netpol-blocks-dns]");
    }

    [Fact]
    public async Task ServiceCreate_WithSelector_MutateSetsTrafficDistribution()
    {
        var review = AdmissionFixtures.Load("service-create");

        var (_, body, _) = await _client.PostAsync("/mutate", review);

        var mutated = Apply(review.Object(), body!.DecodedPatch()!);
        mutated["spec"]!["trafficDistribution"]!.GetValue<string>().ShouldBe("PreferClose");
        body!["response"]!["auditAnnotations"]!["netguard.io/rules"]!.GetValue<string>().ShouldBe("service-topology");
    }

    [Fact]
    public async Task ServiceCreate_WithoutSelector_NoPatch()
    {
        var review = AdmissionFixtures.Load("service-create");
        review.Object()["spec"]!.AsObject().Remove("selector");

        var (_, body, _) = await _client.PostAsync("/mutate", review);

        body!["response"]!.AsObject().ContainsKey("patch").ShouldBeFalse();
    }

    private static JsonObject Apply(JsonObject obj, JsonArray patch) =>
        JsonPatchApplier.Apply(obj, patch.Select(op => new JsonPatchOperation(
            op!["op"]!.GetValue<string>(), op["path"]!.GetValue<string>(), op["value"]?.DeepClone(), op["from"]?.GetValue<string>())))!
            .AsObject();
}
