using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;

// webhook-floor LISTEN CERT KEY: answers any POST with {"apiVersion","kind","response":{"uid","allowed":true}},
// reading only as much JSON as it takes to find request.uid. Same Kestrel/TLS set-up as netguard-webhook, so
// the difference between the two is the webhook's own work.
if (args.Length != 3 || !IPEndPoint.TryParse(args[0], out var endPoint))
{
    Console.Error.WriteLine("usage: webhook-floor ADDRESS:PORT CERT.pem KEY.pem");
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

    var uid = FindUid(read.Buffer);
    reader.AdvanceTo(read.Buffer.End);
    var body = Encoding.UTF8.GetBytes(
        $"{{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"response\":{{\"uid\":\"{uid}\",\"allowed\":true}}}}");
    http.Response.ContentType = "application/json";
    http.Response.ContentLength = body.Length;
    await http.Response.Body.WriteAsync(body);
}));
app.Run();
return 0;

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
