using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Netguard.Core.JsonPatch;
using Netguard.Core.Rules;
using Netguard.Webhook.Admission;
using Netguard.Webhook.Cluster;
using Netguard.Webhook.ConfigReload;
using Netguard.Webhook.Metrics;

// webhook-inprocess BODY CONFIG [ITERATIONS]: times /mutate with BODY and /validate with the pod as /mutate left it,
// through AdmissionHttpHandler on one thread (no sockets, no TLS), and prints microseconds and bytes allocated per
// request for each of 5 rounds. Only the handler's public surface is used, so the same file builds against older
// commits (bench/webhook/inprocess.sh).
if (args.Length is < 2 or > 3)
{
    Console.Error.WriteLine("usage: webhook-inprocess BODY.json CONFIG.yaml [ITERATIONS]");
    return 2;
}

var mutateBody = File.ReadAllBytes(args[0]);
var iterations = args.Length == 3 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 100_000;
var metrics = new WebhookMetrics();
using var config = new ConfigFile(args[1], NetguardConfigParser.Parse, metrics, NullLogger<ConfigFile>.Instance, TimeProvider.System);
config.LoadInitial();
var reviewer = new AdmissionReviewer(BuiltInRules.CreateEngine(), config, new OfflineClusterState(), metrics, NullLogger<AdmissionReviewer>.Instance);
var handler = new AdmissionHttpHandler(reviewer, metrics, NullLogger<AdmissionHttpHandler>.Instance, 3 * 1024 * 1024);
using var output = new MemoryStream();

var validateBody = Mutated(Send(AdmissionEndpoint.Mutate, mutateBody));
foreach (var (endpoint, body) in new[] { (AdmissionEndpoint.Mutate, mutateBody), (AdmissionEndpoint.Validate, validateBody) })
{
    for (var i = 0; i < iterations; i++)
    {
        Send(endpoint, body); // JIT, tiered compilation, PGO
    }

    for (var round = 1; round <= 5; round++)
    {
        GC.Collect();
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < iterations; i++)
        {
            Send(endpoint, body);
        }

        watch.Stop();
        var bytes = (GC.GetAllocatedBytesForCurrentThread() - allocated) / iterations;
        Console.WriteLine(FormattableString.Invariant($"{endpoint.Name} round {round}: {watch.Elapsed.TotalMicroseconds / iterations:F2} us/request {bytes} B/request"));
    }
}

return 0;

byte[] Send(AdmissionEndpoint endpoint, byte[] body)
{
    var http = new DefaultHttpContext();
    http.Request.Method = "POST";
    http.Request.ContentLength = body.Length;
    http.Request.Body = new MemoryStream(body, writable: false);
    output.SetLength(0);
    http.Response.Body = output;
    handler.HandleAsync(http, endpoint).GetAwaiter().GetResult();
    if (http.Response.StatusCode != StatusCodes.Status200OK)
    {
        throw new InvalidOperationException($"{endpoint.Name} answered {http.Response.StatusCode}: {Encoding.UTF8.GetString(output.ToArray())}");
    }

    return output.ToArray();
}

// The review the API server sends next: the same request with /mutate's patch applied to its object.
byte[] Mutated(byte[] answer)
{
    var review = JsonNode.Parse(mutateBody)!;
    var patch = JsonNode.Parse(Convert.FromBase64String(JsonNode.Parse(answer)!["response"]!["patch"]!.GetValue<string>()))!;
    review["request"]!["object"] = JsonPatchApplier.Apply(review["request"]!["object"], JsonPatchDocument.Parse(patch));
    return Encoding.UTF8.GetBytes(review.ToJsonString());
}
