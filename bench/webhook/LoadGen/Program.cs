using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

// fixed-rate URL BODY.json CA.pem [--rate 1000] [--duration 30] [--warmup 5] [--connections 20]
//
// Open-loop at a fixed request rate over HTTPS keep-alive: C workers, each with its own connection, send on
// a fixed schedule (worker k sends request j at start + (j*C + k)/rate). Two latencies per request:
//   service  = response complete - actual send  (what the server and the network cost)
//   schedule = response complete - scheduled send (also counts sends delayed by slow earlier responses or
//              timer lateness: coordinated-omission corrected, as wrk2 reports)
// Only requests scheduled after the warm-up count.
var positional = args.Where((a, i) => !a.StartsWith("--", StringComparison.Ordinal) && (i == 0 || !args[i - 1].StartsWith("--", StringComparison.Ordinal))).ToList();
if (positional.Count != 3)
{
    Console.Error.WriteLine("usage: fixed-rate URL BODY.json CA.pem [--rate 1000] [--duration 30] [--warmup 5] [--connections 20]");
    return 2;
}

var url = new Uri(positional[0]);
var body = File.ReadAllBytes(positional[1]);
using var ca = X509CertificateLoader.LoadCertificateFromFile(positional[2]);
var rate = Flag("--rate", 1000);
var duration = Flag("--duration", 30);
var warmup = Flag("--warmup", 5);
var connections = Flag("--connections", 20);

using var handler = new SocketsHttpHandler
{
    MaxConnectionsPerServer = connections,
    PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
    SslOptions = new SslClientAuthenticationOptions
    {
        RemoteCertificateValidationCallback = (_, cert, _, errors) => Trusted(cert, errors),
    },
};
using var client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(10) };

var totalSeconds = warmup + duration;
var perWorker = (int)((long)rate * totalSeconds / connections);
var interval = Stopwatch.Frequency * (double)connections / rate;
var start = Stopwatch.GetTimestamp() + Stopwatch.Frequency / 2;
var measuredFrom = start + (long)(warmup * Stopwatch.Frequency);
var results = new List<(long Service, long Schedule)>[connections];
var errors = 0;
var lastError = "";

var workers = Enumerable.Range(0, connections).Select(k => Task.Run(async () =>
{
    var mine = new List<(long, long)>(perWorker);
    results[k] = mine;
    for (var j = 0; j < perWorker; j++)
    {
        var scheduled = start + (long)((j * connections + k) * (interval / connections));
        var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), scheduled);
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait);
        }

        var sent = Stopwatch.GetTimestamp();
        try
        {
            using var content = new ByteArrayContent(body);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            using var response = await client.PostAsync(url, content);
            await response.Content.ReadAsByteArrayAsync();
            if (response.StatusCode != HttpStatusCode.OK)
            {
                Interlocked.Increment(ref errors);
                lastError = $"HTTP {(int)response.StatusCode}";
                continue;
            }
        }
#pragma warning disable CA1031 // every failure is counted and reported
        catch (Exception e)
#pragma warning restore CA1031
        {
            Interlocked.Increment(ref errors);
            lastError = e.Message;
            continue;
        }

        var done = Stopwatch.GetTimestamp();
        if (scheduled >= measuredFrom)
        {
            mine.Add((done - sent, done - scheduled));
        }
    }
})).ToArray();

await Task.WhenAll(workers);
var elapsed = Stopwatch.GetElapsedTime(measuredFrom).TotalSeconds;
var all = results.SelectMany(r => r).ToList();
var service = all.Select(r => r.Service).Order().ToArray();
var schedule = all.Select(r => r.Schedule).Order().ToArray();

Console.WriteLine(FormattableString.Invariant($"target {rate}/s over {connections} connections, {duration}s measured after {warmup}s warm-up"));
Console.WriteLine(FormattableString.Invariant($"requests {service.Length}, achieved {service.Length / elapsed:F0}/s, errors {errors}{(errors > 0 ? " (last: " + lastError + ")" : "")}"));
Console.WriteLine($"service  latency: {Percentiles(service)}");
Console.WriteLine($"schedule latency: {Percentiles(schedule)}");
return errors == 0 ? 0 : 1;

int Flag(string name, int fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
}

bool Trusted(X509Certificate? presented, SslPolicyErrors policyErrors)
{
    if (presented is not X509Certificate2 cert || (policyErrors & ~SslPolicyErrors.RemoteCertificateChainErrors) != 0)
    {
        return false;
    }

    using var chain = new X509Chain();
    chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
    chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
    chain.ChainPolicy.CustomTrustStore.Add(ca);
    return chain.Build(cert);
}

static string Percentiles(long[] sorted)
{
    if (sorted.Length == 0)
    {
        return "no samples";
    }

    string At(double q) => Ms(sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)]);
    return $"p50 {At(0.50)}  p90 {At(0.90)}  p99 {At(0.99)}  p99.9 {At(0.999)}  max {Ms(sorted[^1])}";
}

static string Ms(long ticks) => FormattableString.Invariant($"{ticks * 1000.0 / Stopwatch.Frequency:F3}ms");
