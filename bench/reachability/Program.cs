using System.Diagnostics;
using System.Globalization;
using Netguard.Bench.Reachability;
using Netguard.Core.Reachability;
using Netguard.Core.Tests.Reachability;

// Matrix benchmark: the indexed engine against the naive pair-by-pair evaluation, on the same random
// cluster, in the same run. Usage: [--pods N] [--policies N] [--namespaces N] [--seed N] [--runs N] [--target-ms N] [--naive 0|1]
var options = BenchOptions.Parse(args);
var snapshot = RandomCluster.Generate(options.Seed, options.Pods, options.Policies, options.Namespaces);
var port = ProbePort.Numeric(80);
Console.WriteLine($"cluster: {options.Pods} pods, {options.Policies} policies, {options.Namespaces} namespaces (seed {options.Seed}); port {port}");
Console.WriteLine($"runtime: .NET {Environment.Version}, {Environment.ProcessorCount} cores, {(Debugger.IsAttached ? "debugger" : "no debugger")}, {BenchOptions.Configuration}");

// Cold: the first build + matrix in this process, JIT included (what one CLI invocation pays).
var coldWatch = Stopwatch.StartNew();
ReachabilityEngine.Create(snapshot).Matrix(port);
var coldMs = coldWatch.Elapsed.TotalMilliseconds;

// Warm up the JIT on both paths.
for (var i = 0; i < 3; i++)
{
    ReachabilityEngine.Create(snapshot).Matrix(port);
}

NaiveReachability.Matrix(RandomCluster.Generate(options.Seed, 60, 40, options.Namespaces), 80, null, "TCP");

var build = new List<double>();
var matrix = new List<double>();
var total = new List<double>();
ReachabilityMatrix? last = null;
for (var i = 0; i < options.Runs; i++)
{
    var sw = Stopwatch.StartNew();
    var engine = ReachabilityEngine.Create(snapshot);
    var built = sw.Elapsed.TotalMilliseconds;
    last = engine.Matrix(port);
    var done = sw.Elapsed.TotalMilliseconds;
    build.Add(built);
    matrix.Add(done - built);
    total.Add(done);
}

var named = new List<double>();
var engineForNamed = ReachabilityEngine.Create(snapshot);
for (var i = 0; i < options.Runs; i++)
{
    var sw = Stopwatch.StartNew();
    engineForNamed.Matrix(ProbePort.Named("http"));
    named.Add(sw.Elapsed.TotalMilliseconds);
}

var probes = 0;
var probeWatch = Stopwatch.StartNew();
foreach (var from in engineForNamed.Pods.Take(50))
{
    foreach (var to in engineForNamed.Pods)
    {
        engineForNamed.Reach(ReachEndpoint.ForPod(from), ReachEndpoint.ForPod(to), port);
        probes++;
    }
}

var probeMicros = probeWatch.Elapsed.TotalMilliseconds * 1000 / probes;

var naiveWatch = Stopwatch.StartNew();
var naive = options.Naive ? NaiveReachability.Matrix(snapshot, 80, null, "TCP") : null;
var naiveMs = naiveWatch.Elapsed.TotalMilliseconds;

var mismatches = 0;
var n = last!.Pods.Count;
for (var i = 0; i < n; i++)
{
    for (var j = 0; j < n; j++)
    {
        if (naive is not null && last.IsAllowed(i, j) != naive[(i * n) + j])
        {
            mismatches++;
        }
    }
}

Console.WriteLine();
Console.WriteLine("| measurement | median | min | max |");
Console.WriteLine("|---|---:|---:|---:|");
Row("engine build (index selectors, compile policies)", build);
Row("matrix on the built engine", matrix);
Row("build + matrix (end to end)", total);
Row("matrix, named port `http` (resolved per pod)", named);
Console.WriteLine($"| build + matrix, cold (first call in the process, JIT included) | {Ms(coldMs)} | | |");
if (naive is not null)
{
    Console.WriteLine($"| naive baseline matrix (1 run) | {Ms(naiveMs)} | | |");
}
Console.WriteLine();
Console.WriteLine($"single probe (Reach, with deciding rules): {probeMicros.ToString("F1", CultureInfo.InvariantCulture)} µs on average over {probes} probes");
Console.WriteLine($"allowed pairs: {last.AllowedCount} of {n * n}; indexed vs naive mismatches: {(naive is null ? "not compared (--naive 0)" : mismatches)}");
if (naive is not null)
{
    Console.WriteLine($"speed-up of build + matrix over naive: {(naiveMs / Median(total)).ToString("F0", CultureInfo.InvariantCulture)}x");
}

var ok = mismatches == 0 && Median(total) < options.TargetMs;
Console.WriteLine(ok
    ? $"PASS: build + matrix median {Ms(Median(total))} < target {options.TargetMs} ms, results equal the naive evaluation"
    : $"FAIL: build + matrix median {Ms(Median(total))} (target {options.TargetMs} ms), {mismatches} mismatches");
return ok ? 0 : 1;

static void Row(string name, List<double> values) =>
    Console.WriteLine($"| {name} | {Ms(Median(values))} | {Ms(values.Min())} | {Ms(values.Max())} |");

static double Median(List<double> values)
{
    var sorted = values.Order().ToList();
    return sorted[sorted.Count / 2];
}

static string Ms(double ms) => ms.ToString(ms < 10 ? "F2" : "F0", CultureInfo.InvariantCulture) + " ms";
