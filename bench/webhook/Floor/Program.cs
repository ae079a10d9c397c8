using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Netguard.Core.Kube.Models;

// webhook-floor LISTEN CERT KEY [uid|parse|typed]: answers any POST with
// {"apiVersion","kind","response":{"uid","allowed":true}}. Same Kestrel/TLS set-up as netguard-webhook, so the
// difference between the two is the webhook's own work. The mode says how much of the review it reads first:
//   uid    only as much JSON as it takes to find request.uid (the floor of issue 3's target);
//   parse  the whole body into a pooled JsonDocument, as the webhook does before anything else;
//   typed  parse, then read request.object into the typed Pod view the rules read (core's KubeViewJson),
// which splits the gap between floor and webhook into reading the request and the rest.
var mode = args.Length == 4 ? args[3] : "uid";
if (args.Length is < 3 or > 4 || !IPEndPoint.TryParse(args[0], out var endPoint) || mode is not ("uid" or "parse" or "typed"))
{
    Console.Error.WriteLine("usage: webhook-floor ADDRESS:PORT CERT.pem KEY.pem [uid|parse|typed]");
    return 2;
}

var leaf = X509Certificate2.CreateFromPemFile(args[1], args[2]);
var context = SslStreamCertificateContext.Create(leaf, additionalCertificates: null, offline: true);
var builder = WebApplication.CreateSlimBuilder();
builder.Logging.ClearProviders();
builder.WebHost.ConfigureKestrel(k =>
{
    k.AddServerHeader = false;
    k.Listen(endPoint, l =>
    {
        l.Protocols = HttpProtocols.Http1AndHttp2;
        l.UseHttps(new TlsHandshakeCallbackOptions
        {
            OnConnection = _ => ValueTask.FromResult(new SslServerAuthenticationOptions { ServerCertificateContext = context }),
        });
    });
});

var app = builder.Build();
app.MapPost("/{**path}", (RequestDelegate)(async http =>
{
    var reader = http.Request.BodyReader;
    ReadResult read;
    while (true)
    {
        read = await reader.ReadAsync();
        if (read.IsCompleted)
        {
            break;
        }

        reader.AdvanceTo(read.Buffer.Start, read.Buffer.End);
    }

    var uid = mode == "uid" ? FindUid(read.Buffer) : ParseUid(read.Buffer, typed: mode == "typed");
    reader.AdvanceTo(read.Buffer.End);
    var body = Encoding.UTF8.GetBytes(
        $"{{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"response\":{{\"uid\":\"{uid}\",\"allowed\":true}}}}");
    http.Response.ContentType = "application/json";
    http.Response.ContentLength = body.Length;
    await http.Response.Body.WriteAsync(body);
}));
app.Run();
return 0;

static string ParseUid(ReadOnlySequence<byte> json, bool typed)
{
    using var document = JsonDocument.Parse(json);
    var request = document.RootElement.GetProperty("request"u8);
    if (typed && request.TryGetProperty("object"u8, out var obj))
    {
        GC.KeepAlive(obj.Deserialize(KubeViewJson.Get<Pod>()));
    }

    return request.GetProperty("uid"u8).GetString() ?? "";
}

// request.uid at depth 2; skips everything else without building objects.
static string FindUid(ReadOnlySequence<byte> json)
{
    var reader = new Utf8JsonReader(json);
    var inRequest = false;
    while (reader.Read())
    {
        if (reader.TokenType != JsonTokenType.PropertyName)
        {
            continue;
        }

        if (reader.CurrentDepth == 1)
        {
            inRequest = reader.ValueTextEquals("request"u8);
            if (!inRequest)
            {
                reader.Skip();
            }
        }
        else if (inRequest && reader.CurrentDepth == 2)
        {
            if (reader.ValueTextEquals("uid"u8))
            {
                reader.Read();
                return reader.GetString() ?? "";
            }

            reader.Skip();
        }
    }

    return "";
}
