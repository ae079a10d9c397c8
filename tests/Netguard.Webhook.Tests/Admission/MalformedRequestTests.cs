using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
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
            { "no request", Edit(r => r.Remove("request")).ToJsonString(), "AdmissionReview has no request" },
            { "no uid", Edit(r => r.Request().Remove("uid")).ToJsonString(), "request.uid is missing" },
            { "empty uid", Edit(r => r.Request()["uid"] = "").ToJsonString(), "request.uid is missing" },
            { "uid not a string", Edit(r => r.Request()["uid"] = 42).ToJsonString(), "request.uid must be a string" },
            { "request not an object", Edit(r => r["request"] = "x").ToJsonString(), "request must be an object" },
            { "request.kind not an object", Edit(r => r.Request()["kind"] = "Pod").ToJsonString(), "request.kind must be an object" },
            { "dryRun not a boolean", Edit(r => r.Request()["dryRun"] = "yes").ToJsonString(), "request.dryRun must be true or false" },
            { "userInfo malformed", Edit(r => r.Request()["userInfo"] = new JsonObject { ["groups"] = "admins" }).ToJsonString(), "request.userInfo is not a UserInfo: " },
            { "no request.kind", Edit(r => r.Request().Remove("kind")).ToJsonString(), "request.kind is missing" },
            { "unknown operation", Edit(r => r.Request()["operation"] = "PATCH").ToJsonString(), "request.operation \"PATCH\" is not CREATE, UPDATE, DELETE or CONNECT" },
            { "no object", Edit(r => r.Request().Remove("object")).ToJsonString(), "request.object is missing or not an object" },
            { "object not an object", Edit(r => r.Request()["object"] = "pod").ToJsonString(), "request.object is missing or not an object" },
            { "object an array", Edit(r => r.Request()["object"] = new JsonArray(1, 2)).ToJsonString(), "request.object is missing or not an object" },
            { "UPDATE with an array oldObject", Edit(r => { r.Request()["operation"] = "UPDATE"; r.Request()["oldObject"] = new JsonArray(); }).ToJsonString(), "request.oldObject is missing or not an object on UPDATE" },
            { "object not a Pod", Edit(r => r.Object()["spec"] = "x").ToJsonString(), "request.object is not a valid Pod" },
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
