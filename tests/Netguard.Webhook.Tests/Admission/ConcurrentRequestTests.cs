using System.Text.Json.Nodes;
using Netguard.Webhook.Tests.Infrastructure;

namespace Netguard.Webhook.Tests.Admission;

/// <summary>
/// Many clients at once, each request different: every answer belongs to its own request (uid, verdict, patch).
/// Guards the hot path's buffer reuse (pipe buffers, the per-thread response buffer, the in-place request parse).
/// </summary>
public sealed class ConcurrentRequestTests
{
    [Fact]
    public async Task ManyClients_DistinctRequests_EveryAnswerMatchesItsRequest()
    {
        await using var server = await WebhookTestServer.StartAsync();
        var failures = new System.Collections.Concurrent.ConcurrentBag<string>();

        var clients = Enumerable.Range(0, 16).Select(c => Task.Run(async () =>
        {
            using var client = server.CreateClient();
            for (var i = 0; i < 250; i++)
            {
                var uid = $"uid-{c}-{i}-{new string('x', i % 7 * 50)}";
                var deny = (c + i) % 3 == 0;
                var review = AdmissionFixtures.Load("pod-create");
                review.Request()["uid"] = uid;
                if (deny)
                {
                    review.WithLabel("test/deny");
                }

                var path = i % 2 == 0 ? "/validate" : "/mutate";
                var (status, body, text) = await client.PostAsync(path, review);
                var response = body?["response"];
                var ok = status == 200
                    && response?["uid"]?.GetValue<string>() == uid
                    && response["allowed"]!.GetValue<bool>() == (path == "/mutate" || !deny)
                    && (path == "/validate" || JsonNode.DeepEquals(body!.DecodedPatch(),
                        JsonNode.Parse("""[{"op":"add","path":"/metadata/annotations","value":{"example.com/stamped":"yes"}}]""")));
                if (!ok)
                {
                    failures.Add($"{path} {uid}: HTTP {status} {text}");
                }
            }
        })).ToList();
        await Task.WhenAll(clients);

        failures.ShouldBeEmpty();
    }
}
