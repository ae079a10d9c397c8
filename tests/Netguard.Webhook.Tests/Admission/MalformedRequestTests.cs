using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Netguard.Core.Admission;
using Netguard.Core.Config;
using Netguard.Webhook.Tests.Infrastructure;

namespace Netguard.Webhook.Tests.Admission;

/// <summary>Bad input gets HTTP 400 with a one-line reason, never a 500, and the server keeps serving (SPEC §5.5).</summary>
public sealed class MalformedRequestTests : IAsyncLifetime
{
    private WebhookTestServer _server = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _server = await WebhookTestServer.StartAsync();
        _client = _server.CreateClient();
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public static TheoryData<string, string, string> Bodies()
    {
        var valid = AdmissionFixtures.Load("pod-create").ToJsonString();
        JsonObject Edit(Action<JsonObject> edit)
        {
            var r = AdmissionFixtures.Load("pod-create");
            edit(r);
            return r;
        }

        return new TheoryData<string, string, string>
        {
            { "empty", "", "request body is empty" },
            { "not JSON", "this is not json", "request body is not valid JSON" },
            { "truncated", valid[..(valid.Length / 2)], "request body is not valid JSON" },
            { "trailing data", valid + " {}", "request body is not valid JSON" },
            { "JSON null", "null", "request body is not an AdmissionReview object" },
            { "JSON array", "[]", "request body is not an AdmissionReview object" },
            { "wrong apiVersion", Edit(r => r["apiVersion"] = "admission.k8s.io/v1beta1").ToJsonString(), "unsupported apiVersion \"admission.k8s.io/v1beta1\": expected admission.k8s.io/v1" },
            { "no apiVersion", Edit(r => r.Remove("apiVersion")).ToJsonString(), "apiVersion is missing" },
            { "wrong kind", Edit(r => r["kind"] = "ConversionReview").ToJsonString(), "unsupported kind \"ConversionReview\"" },
            { "control characters echoed", Edit(r => r["kind"] = "Conv\u001b[31mersion\tReview\u009b").ToJsonString(), "unsupported kind \"Conv [31mersion Review \": expected AdmissionReview" },
            { "no request", Edit(r => r.Remove("request")).ToJsonString(), "AdmissionReview has no request" },
            { "no uid", Edit(r => r.Request().Remove("uid")).ToJsonString(), "request.uid is missing" },
            { "empty uid", Edit(r => r.Request()["uid"] = "").ToJsonString(), "request.uid is missing" },
            { "uid not a string", Edit(r => r.Request()["uid"] = 42).ToJsonString(), "request.uid must be a string" },
            { "request not an object", Edit(r => r["request"] = "x").ToJsonString(), "request must be an object" },
            { "request.kind not an object", Edit(r => r.Request()["kind"] = "Pod").ToJsonString(), "request.kind must be an object" },
            { "dryRun not a boolean", Edit(r => r.Request()["dryRun"] = "yes").ToJsonString(), "request.dryRun must be true or false" },
            { "userInfo malformed", Edit(r => r.Request()["userInfo"] = new JsonObject { ["groups"] = "admins" }).ToJsonString(), "request.userInfo.groups must be a list" },
            { "no request.kind", Edit(r => r.Request().Remove("kind")).ToJsonString(), "request.kind is missing" },
            { "unknown operation", Edit(r => r.Request()["operation"] = "PATCH").ToJsonString(), "request.operation \"PATCH\" is not CREATE, UPDATE, DELETE or CONNECT" },
            { "no object", Edit(r => r.Request().Remove("object")).ToJsonString(), "request.object is missing or not an object" },
            { "object not an object", Edit(r => r.Request()["object"] = "pod").ToJsonString(), "request.object is missing or not an object" },
            { "object an array", Edit(r => r.Request()["object"] = new JsonArray(1, 2)).ToJsonString(), "request.object is missing or not an object" },
            { "UPDATE with an array oldObject", Edit(r => { r.Request()["operation"] = "UPDATE"; r.Request()["oldObject"] = new JsonArray(); }).ToJsonString(), "request.oldObject is missing or not an object on UPDATE" },
            { "object not a Pod", Edit(r => r.Object()["spec"] = "x").ToJsonString(), "request.object is not a valid Pod: spec must be an object" },
            { "UPDATE without oldObject", Edit(r => r.Request()["operation"] = "UPDATE").ToJsonString(), "request.oldObject is missing or not an object on UPDATE" },
        };
    }

    [Theory]
    [MemberData(nameof(Bodies))]
    public async Task Post_MalformedBody_Returns400WithOneLineReasonAndKeepsServing(string name, string body, string reason)
    {
        foreach (var path in new[] { "/mutate", "/validate" })
        {
            using var response = await _client.PostAsync(path, WebhookTestServer.Json(body));

            ((int)response.StatusCode).ShouldBe(400, name);
            response.Content.Headers.ContentType!.MediaType.ShouldBe("text/plain");
            var text = await response.Content.ReadAsStringAsync();
            text.ShouldEndWith("\n");
            text.TrimEnd('\n').ShouldNotContain('\n');
            text.ShouldStartWith(reason, Case.Sensitive, name);
        }

        await AssertStillServingAsync(_client);
    }

    /// <summary>A field of the wrong type is named in Kubernetes' terms, with what it must be: no .NET type names, no byte positions.</summary>
    public static TheoryData<string, string, string> WrongTypes()
    {
        JsonObject Edit(string fixture, Action<JsonObject> edit)
        {
            var r = AdmissionFixtures.Load(fixture);
            edit(r);
            return r;
        }

        JsonObject Pod(Action<JsonObject> edit) => Edit("pod-create", edit);
        JsonObject Container(JsonObject review) => review.Object()["spec"]!["containers"]![0]!.AsObject();

        return new TheoryData<string, string, string>
        {
            { "spec a string", Pod(r => r.Object()["spec"] = "x").ToJsonString(), "request.object is not a valid Pod: spec must be an object" },
            {
                "containerPort a string", Pod(r => Container(r)["ports"]![0]!["containerPort"] = "8080").ToJsonString(),
                "request.object is not a valid Pod: spec.containers[0].ports[0].containerPort must be an integer"
            },
            { "priority a string", Pod(r => r.Object()["spec"]!["priority"] = "high").ToJsonString(), "request.object is not a valid Pod: spec.priority must be an integer" },
            { "container name a number", Pod(r => Container(r)["name"] = 42).ToJsonString(), "request.object is not a valid Pod: spec.containers[0].name must be a string" },
            {
                "label value a number", Pod(r => r.Object()["metadata"]!["labels"]!["app.kubernetes.io/name"] = 7).ToJsonString(),
                "request.object is not a valid Pod: metadata.labels['app.kubernetes.io/name'] must be a string"
            },
            {
                "containers an object", Pod(r => r.Object()["spec"]!["containers"] = new JsonObject { ["name"] = "web" }).ToJsonString(),
                "request.object is not a valid Pod: spec.containers must be a list"
            },
            { "labels a list", Pod(r => r.Object()["metadata"]!["labels"] = new JsonArray("web")).ToJsonString(), "request.object is not a valid Pod: metadata.labels must be an object" },
            { "hostNetwork a string", Pod(r => r.Object()["spec"]!["hostNetwork"] = "yes").ToJsonString(), "request.object is not a valid Pod: spec.hostNetwork must be true or false" },
            {
                "UPDATE with a bad oldObject", Edit("pod-update", r => r.Request()["oldObject"]!["spec"] = "x").ToJsonString(),
                "request.oldObject is not a valid Pod: spec must be an object"
            },
            { "userInfo a string", Pod(r => r.Request()["userInfo"] = "alice").ToJsonString(), "request.userInfo must be an object" },
            { "userInfo.username a number", Pod(r => r.Request()["userInfo"]!["username"] = 5).ToJsonString(), "request.userInfo.username must be a string" },
            { "userInfo.groups an object", Pod(r => r.Request()["userInfo"]!["groups"] = new JsonObject()).ToJsonString(), "request.userInfo.groups must be a list" },
            {
                "userInfo.extra value a string", Pod(r => r.Request()["userInfo"]!["extra"] = new JsonObject { ["scopes"] = "read" }).ToJsonString(),
                "request.userInfo.extra.scopes must be a list"
            },
        };
    }

    [Theory]
    [MemberData(nameof(WrongTypes))]
    public async Task Post_FieldOfTheWrongType_Returns400NamingTheFieldAndWhatItMustBe(string name, string body, string reason)
    {
        foreach (var path in new[] { "/mutate", "/validate" })
        {
            using var response = await _client.PostAsync(path, WebhookTestServer.Json(body));

            ((int)response.StatusCode).ShouldBe(400, name);
            (await response.Content.ReadAsStringAsync()).ShouldBe(reason + "\n", name);
        }
    }

    [Fact]
    public async Task Post_PolicyPortAnObject_Returns400SayingIntegerOrString()
    {
        // Only /validate reads NetworkPolicies (the test-warn rule); /mutate passes them untouched.
        var review = AdmissionFixtures.Load("networkpolicy-create");
        review.Object()["spec"]!["ingress"]![0]!["ports"] = new JsonArray(new JsonObject { ["port"] = new JsonObject() });

        var (status, _, text) = await _client.PostAsync("/validate", review);

        status.ShouldBe(400);
        text.ShouldBe("request.object is not a valid NetworkPolicy: spec.ingress[0].ports[0].port must be an integer or a string\n");
    }

    [Fact]
    public async Task Post_WrongTypeUnderALongMultiLineKey_ReasonIsOneLineOf200CharactersAndAnEllipsis()
    {
        var review = AdmissionFixtures.Load("pod-create");
        review.Object()["metadata"]!["labels"] = new JsonObject { ["a\nb" + new string('k', 500)] = 1 };

        var (status, _, text) = await _client.PostAsync("/validate", review);

        // "request.object is not a valid Pod: metadata.labels['" is 52 characters; the key fills the rest of the 200.
        status.ShouldBe(400);
        text.ShouldBe("request.object is not a valid Pod: metadata.labels['a b" + new string('k', 200 - 55) + "...\n");
    }

    [Fact]
    public async Task Post_DeleteWithAMalformedOldObject_Returns400NamingOldObject()
    {
        // The test rules skip DELETE, which the webhook then allows untouched without reading the object.
        var rules = new List<IAdmissionRule>(TestRules.All())
        {
            new DelegateRule(DelegateRule.Describe("test-delete", RulePhase.Validate, RuleAction.Deny, ["Pod"], AdmissionOperation.Delete), _ => { }),
        };
        await using var server = await WebhookTestServer.StartAsync(rules);
        var client = server.CreateClient();
        var review = AdmissionFixtures.Load("pod-create");
        review.Request()["operation"] = "DELETE";
        review.Request()["oldObject"] = review.Request()["object"]!.DeepClone();
        review.Request()["object"] = null;
        review.Request()["oldObject"]!["spec"]!["containers"]![0]!["ports"] = "http";

        var (status, _, text) = await client.PostAsync("/validate", review);

        status.ShouldBe(400);
        text.ShouldBe("request.oldObject is not a valid Pod: spec.containers[0].ports must be a list\n");
    }

    [Fact]
    public async Task Post_FourMiBBody_Returns400AndTheSameConnectionKeepsServing()
    {
        var big = BigReview(4 * 1024 * 1024);

        using var response = await _client.PostAsync("/validate", WebhookTestServer.Json(big));

        ((int)response.StatusCode).ShouldBe(400);
        (await response.Content.ReadAsStringAsync()).ShouldBe("request body exceeds the limit of 3 MiB\n");
        await AssertStillServingAsync(_client);
        _server.HandshakeCertificates.Count.ShouldBe(1); // one connection served all of it
    }

    [Fact]
    public async Task Post_FourMiBChunkedBody_Returns400()
    {
        var bytes = Encoding.UTF8.GetBytes(BigReview(4 * 1024 * 1024));
        using var content = new StreamContent(new NonSeekableStream(bytes));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        using var response = await _client.PostAsync("/mutate", content);

        response.Headers.TransferEncodingChunked.ShouldNotBe(true);
        ((int)response.StatusCode).ShouldBe(400);
        (await response.Content.ReadAsStringAsync()).ShouldBe("request body exceeds the limit of 3 MiB\n");
        await AssertStillServingAsync(_client);
    }

    [Fact]
    public async Task Post_BodyJustUnderTheLimit_IsAnswered()
    {
        var body = BigReview((3 * 1024 * 1024) - 64);
        Encoding.UTF8.GetByteCount(body).ShouldBeLessThanOrEqualTo(3 * 1024 * 1024);

        var (status, answer, _) = await _client.PostAsync("/validate", JsonNode.Parse(body)!.AsObject());

        status.ShouldBe(200);
        answer!["response"]!["allowed"]!.GetValue<bool>().ShouldBeTrue();
    }

    [Fact]
    public async Task Get_AdmissionPath_IsMethodNotAllowedNotAServerError()
    {
        using var response = await _client.GetAsync("/validate");

        response.StatusCode.ShouldBe(HttpStatusCode.MethodNotAllowed);
    }

    private static async Task AssertStillServingAsync(HttpClient client)
    {
        var (status, body, _) = await client.PostAsync("/validate", AdmissionFixtures.Load("pod-create"));
        status.ShouldBe(200);
        body!["response"]!["uid"]!.GetValue<string>().ShouldBe("705ab4f5-6393-11e8-b7cc-42010a800002");
    }

    /// <summary>A valid Pod CREATE review padded with one large annotation to exactly <paramref name="size"/> bytes.</summary>
    private static string BigReview(int size)
    {
        var review = AdmissionFixtures.Load("pod-create");
        review.Object()["metadata"]!["annotations"] = new JsonObject { ["padding"] = "" };
        var baseSize = Encoding.UTF8.GetByteCount(review.ToJsonString());
        review.Object()["metadata"]!["annotations"]!["padding"] = new string('x', size - baseSize);
        var text = review.ToJsonString();
        Encoding.UTF8.GetByteCount(text).ShouldBe(size);
        return text;
    }

    /// <summary>Hides the length so HttpClient sends the body chunked.</summary>
    private sealed class NonSeekableStream(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;
    }
}
