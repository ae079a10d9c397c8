using System.Net;
using Microsoft.Extensions.DependencyInjection;
using System.Text.Json.Nodes;
using Netguard.Webhook.Admission;
using Netguard.Webhook.Tests.Infrastructure;

namespace Netguard.Webhook.Tests.Admission;

/// <summary>
/// The AdmissionReview answer shape of SPEC §5.5 over real HTTPS, with test rules whose findings are known,
/// so every expected value below follows from the rule definitions and the admission.k8s.io/v1 schema.
/// </summary>
public sealed class AdmissionResponseTests : IAsyncLifetime
{
    private WebhookTestServer _server = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _server = await WebhookTestServer.StartAsync();
        _client = _server.CreateClient();
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Mutate_PodWithoutAnnotations_AnswersBase64JsonPatchAddingTheAnnotationsObject()
    {
        var (status, body, _) = await _client.PostAsync("/mutate", AdmissionFixtures.Load("pod-create"));

        status.ShouldBe(200);
        body!["apiVersion"]!.GetValue<string>().ShouldBe("admission.k8s.io/v1");
        body["kind"]!.GetValue<string>().ShouldBe("AdmissionReview");
        body["request"].ShouldBeNull();
        var response = body["response"]!.AsObject();
        response["uid"]!.GetValue<string>().ShouldBe("705ab4f5-6393-11e8-b7cc-42010a800002");
        response["allowed"]!.GetValue<bool>().ShouldBeTrue();
        response["patchType"]!.GetValue<string>().ShouldBe("JSONPatch");
        response["status"].ShouldBeNull();
        response["warnings"].ShouldBeNull();
        response["auditAnnotations"]!["netguard.io/rules"]!.GetValue<string>().ShouldBe(TestRules.Annotate);
        // Recorded by the API server as "<webhook name>/rules"; the SPEC key is kept alongside.
        response["auditAnnotations"]!["rules"]!.GetValue<string>().ShouldBe(TestRules.Annotate);

        // The pod has no metadata.annotations, so the whole map is added (RFC 6902 "add" needs the parent).
        var expected = JsonNode.Parse("""[{"op":"add","path":"/metadata/annotations","value":{"example.com/stamped":"yes"}}]""");
        JsonNode.DeepEquals(body.DecodedPatch(), expected).ShouldBeTrue(body.DecodedPatch()!.ToJsonString());
    }

    [Fact]
    public async Task Mutate_PodWithAnnotations_PatchEscapesTheSlashInTheKey()
    {
        var review = AdmissionFixtures.Load("pod-create");
        review.Object()["metadata"]!["annotations"] = new JsonObject { ["team"] = "shop" };

        var (_, body, _) = await _client.PostAsync("/mutate", review);

        // RFC 6901: "/" in a key is written "~1".
        var expected = JsonNode.Parse("""[{"op":"add","path":"/metadata/annotations/example.com~1stamped","value":"yes"}]""");
        JsonNode.DeepEquals(body!.DecodedPatch(), expected).ShouldBeTrue();
    }

    [Fact]
    public async Task Mutate_AlreadyStampedPod_OmitsPatchAndAuditAnnotations()
    {
        var review = AdmissionFixtures.Load("pod-create");
        review.Object()["metadata"]!["annotations"] = new JsonObject { [TestRules.StampAnnotation] = "yes" };

        var (status, body, _) = await _client.PostAsync("/mutate", review);

        status.ShouldBe(200);
        var response = body!["response"]!.AsObject();
        response["allowed"]!.GetValue<bool>().ShouldBeTrue();
        response.ContainsKey("patch").ShouldBeFalse();
        response.ContainsKey("patchType").ShouldBeFalse();
        response.ContainsKey("auditAnnotations").ShouldBeFalse();
    }

    [Fact]
    public async Task Validate_TwoDenyingRules_Answers403NamingEveryFailedRule()
    {
        var review = AdmissionFixtures.Load("pod-create").WithLabel("test/deny").WithLabel("test/deny-too");

        var (status, body, _) = await _client.PostAsync("/validate", review);

        status.ShouldBe(200); // the verdict travels in the AdmissionReview, not in the HTTP status
        var response = body!["response"]!.AsObject();
        response["uid"]!.GetValue<string>().ShouldBe("705ab4f5-6393-11e8-b7cc-42010a800002");
        response["allowed"]!.GetValue<bool>().ShouldBeFalse();
        response["status"]!["code"]!.GetValue<int>().ShouldBe(403);
        var message = response["status"]!["message"]!.GetValue<string>();
        message.ShouldContain("[test-deny] the pod carries test/deny");
        message.ShouldContain("[test-deny-too] the pod carries test/deny-too");
        response["auditAnnotations"]!["netguard.io/rules"]!.GetValue<string>().ShouldBe("test-deny,test-deny-too");
        response.ContainsKey("patch").ShouldBeFalse();
    }

    [Fact]
    public async Task Validate_WarnFinding_AllowsWithAWarningOfAtMost120Characters()
    {
        var review = AdmissionFixtures.Load("pod-create").WithLabel("test/warn");

        var (_, body, _) = await _client.PostAsync("/validate", review);

        var response = body!["response"]!.AsObject();
        response["allowed"]!.GetValue<bool>().ShouldBeTrue();
        response.ContainsKey("status").ShouldBeFalse();
        var warnings = response["warnings"]!.AsArray().Select(w => w!.GetValue<string>()).ToList();
        warnings.Count.ShouldBe(1);
        TestRules.LongMessage.Length.ShouldBe(150);
        warnings[0].Length.ShouldBe(120);
        warnings[0].ShouldStartWith("[test-warn] this policy allows traffic from everywhere, ");
        warnings[0].ShouldEndWith("...");
        response["auditAnnotations"]!["netguard.io/rules"]!.GetValue<string>().ShouldBe(TestRules.Warn);
    }

    [Fact]
    public async Task Validate_DenyAndWarn_DeniesAndStillReturnsTheWarning()
    {
        var review = AdmissionFixtures.Load("pod-create").WithLabel("test/deny").WithLabel("test/warn");

        var (_, body, _) = await _client.PostAsync("/validate", review);

        var response = body!["response"]!.AsObject();
        response["allowed"]!.GetValue<bool>().ShouldBeFalse();
        response["status"]!["message"]!.GetValue<string>().ShouldNotContain("test-warn");
        response["warnings"]!.AsArray().Count.ShouldBe(1);
        response["auditAnnotations"]!["netguard.io/rules"]!.GetValue<string>().ShouldBe("test-deny,test-warn");
    }

    [Fact]
    public async Task Validate_DryRun_AnsweredTheSameAsARealRequest()
    {
        var real = AdmissionFixtures.Load("pod-create").WithLabel("test/deny");
        var dry = AdmissionFixtures.Load("pod-create").WithLabel("test/deny");
        dry.Request()["dryRun"] = true;

        var (_, a, _) = await _client.PostAsync("/validate", real);
        var (_, b, _) = await _client.PostAsync("/validate", dry);

        JsonNode.DeepEquals(a, b).ShouldBeTrue();
    }

    [Fact]
    public async Task Validate_UpdateOfPod_EvaluatesTheNewObject()
    {
        var review = AdmissionFixtures.Load("pod-update").WithLabel("test/deny");

        var (_, body, _) = await _client.PostAsync("/validate", review);

        body!["response"]!["uid"]!.GetValue<string>().ShouldBe("0b8f2a4c-5d6e-4f70-8a9b-1c2d3e4f5a6b");
        body["response"]!["allowed"]!.GetValue<bool>().ShouldBeFalse();
    }

    [Theory]
    [InlineData("/mutate")]
    [InlineData("/validate")]
    public async Task Review_KindNoRuleLooksAt_AllowedWithoutPatch(string path)
    {
        var review = AdmissionFixtures.Load("pod-create");
        review.Request()["kind"] = new JsonObject { ["group"] = "", ["version"] = "v1", ["kind"] = "Secret" };
        review.Request()["object"] = new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Secret", ["metadata"] = new JsonObject { ["name"] = "s" } };

        var (status, body, _) = await _client.PostAsync(path, review);

        status.ShouldBe(200);
        var response = body!["response"]!.AsObject();
        response["allowed"]!.GetValue<bool>().ShouldBeTrue();
        response.Select(p => p.Key).OrderBy(k => k, StringComparer.Ordinal).ShouldBe(["allowed", "uid"]);
    }

    [Fact]
    public async Task Validate_PodKindInAnotherGroup_IsNotTreatedAsAPod()
    {
        var review = AdmissionFixtures.Load("pod-create").WithLabel("test/deny");
        review.Request()["kind"]!["group"] = "example.com";

        var (_, body, _) = await _client.PostAsync("/validate", review);

        body!["response"]!["allowed"]!.GetValue<bool>().ShouldBeTrue();
    }

    [Fact]
    public async Task Validate_Subresource_AllowedWithoutEvaluation()
    {
        var review = AdmissionFixtures.Load("pod-update").WithLabel("test/deny");
        review.Request()["subResource"] = "status";

        var (_, body, _) = await _client.PostAsync("/validate", review);

        body!["response"]!["allowed"]!.GetValue<bool>().ShouldBeTrue();
    }

    [Fact]
    public async Task Validate_Delete_OperationNoRuleLooksAt_Allowed()
    {
        var review = AdmissionFixtures.Load("pod-update").WithLabel("test/deny");
        review.Request()["operation"] = "DELETE";
        review.Request()["object"] = null;

        var (_, body, _) = await _client.PostAsync("/validate", review);

        body!["response"]!["allowed"]!.GetValue<bool>().ShouldBeTrue();
    }

    [Fact]
    public async Task Mutate_RuleThrows_FailsOpenWithAWarningAndNoPatch()
    {
        var review = AdmissionFixtures.Load("pod-create").WithLabel("test/boom");

        var (status, body, _) = await _client.PostAsync("/mutate", review);

        status.ShouldBe(200);
        var response = body!["response"]!.AsObject();
        response["allowed"]!.GetValue<bool>().ShouldBeTrue();
        response.ContainsKey("patch").ShouldBeFalse();
        response["warnings"]!.AsArray().Single()!.GetValue<string>().ShouldBe("netguard: internal error in rule test-throws; mutations skipped");
    }

    [Fact]
    public async Task Validate_RuleThrows_FailsClosedWithCode500NamingTheRule()
    {
        var review = AdmissionFixtures.Load("pod-create").WithLabel("test/boom");

        var (status, body, _) = await _client.PostAsync("/validate", review);

        status.ShouldBe(200);
        var response = body!["response"]!.AsObject();
        response["allowed"]!.GetValue<bool>().ShouldBeFalse();
        response["status"]!["code"]!.GetValue<int>().ShouldBe(500);
        response["status"]!["message"]!.GetValue<string>().ShouldContain("rule test-throws (InvalidOperationException: boom)");

        // And the server carries on.
        var (_, next, _) = await _client.PostAsync("/validate", AdmissionFixtures.Load("pod-create"));
        next!["response"]!["allowed"]!.GetValue<bool>().ShouldBeTrue();
    }

    [Fact]
    public async Task Review_FailureOutsideAnyRule_StillTheEndpointsSafeAnswer()
    {
        await using var broken = await WebhookTestServer.StartAsync(
            services: s => s.AddSingleton<Netguard.Webhook.Cluster.IClusterState>(new ThrowingClusterState()));
        var client = broken.CreateClient();

        var (mutateStatus, mutate, _) = await client.PostAsync("/mutate", AdmissionFixtures.Load("pod-create"));
        var (validateStatus, validate, _) = await client.PostAsync("/validate", AdmissionFixtures.Load("pod-create"));

        mutateStatus.ShouldBe(200);
        mutate!["response"]!["allowed"]!.GetValue<bool>().ShouldBeTrue();
        mutate["response"]!["warnings"]!.AsArray().Single()!.GetValue<string>().ShouldBe("netguard: internal error in rule engine; mutations skipped");
        validateStatus.ShouldBe(200);
        validate!["response"]!["allowed"]!.GetValue<bool>().ShouldBeFalse();
        validate["response"]!["status"]!["code"]!.GetValue<int>().ShouldBe(500);
    }

    [Fact]
    public async Task Mutate_OverHttp2_SameAnswer()
    {
        using var h2 = _server.CreateClient(HttpVersion.Version20);
        var (_, viaH1, _) = await _client.PostAsync("/mutate", AdmissionFixtures.Load("pod-create"));

        using var response = await h2.PostAsync("/mutate", WebhookTestServer.Json(AdmissionFixtures.Load("pod-create").ToJsonString()));

        response.Version.ShouldBe(HttpVersion.Version20);
        JsonNode.DeepEquals(JsonNode.Parse(await response.Content.ReadAsStringAsync()), viaH1).ShouldBeTrue();
    }

    [Fact]
    public async Task Validate_NetworkPolicyFixture_WarnRuleAppliesToPolicies()
    {
        var review = AdmissionFixtures.Load("networkpolicy-create").WithLabel("test/warn");

        var (_, body, _) = await _client.PostAsync("/validate", review);

        body!["response"]!["uid"]!.GetValue<string>().ShouldBe("e1d2c3b4-a5f6-4789-8012-3456789abcde");
        body["response"]!["warnings"]!.AsArray().Count.ShouldBe(1);
    }

    [Theory]
    [InlineData(114, 120, false)] // "[r] " + 116 = 120: fits
    [InlineData(117, 120, true)]
    public void Warning_Length_CutTo120WithAnEllipsis(int messageLength, int expectedLength, bool cut)
    {
        var warning = AdmissionResponseFactory.Warning("r", new string('m', messageLength + 2));

        warning.Length.ShouldBe(expectedLength);
        warning.EndsWith("...", StringComparison.Ordinal).ShouldBe(cut);
    }

    [Fact]
    public void Warning_SurrogatePairAtTheCut_IsNotSplit()
    {
        // "[r] " is 4 chars; the pair occupies chars 116-117, right where the cut at 117 falls.
        var warning = AdmissionResponseFactory.Warning("r", new string('m', 112) + "\U0001F600" + new string('m', 50));

        char.IsHighSurrogate(warning[^4]).ShouldBeFalse();
        warning.ShouldEndWith("m...");
        warning.Length.ShouldBeLessThanOrEqualTo(120);
    }

    [Fact]
    public void Warning_ControlCharacters_AreReplacedBySpaces()
    {
        AdmissionResponseFactory.Warning("r", "a\tb\nc").ShouldBe("[r] a b c");
    }

    private sealed class ThrowingClusterState : Netguard.Webhook.Cluster.IClusterState
    {
        public Netguard.Core.Cluster.IClusterSnapshot Snapshot => throw new InvalidOperationException("cache corrupted");

        public bool IsSynced => true;

        public IReadOnlyList<Netguard.Webhook.Cluster.CacheStatus> Caches => [];
    }
}
