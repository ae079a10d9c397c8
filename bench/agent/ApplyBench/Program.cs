using System.Diagnostics;
using System.Globalization;
using Netguard.Agent.Kernel;
using Netguard.Agent.Reconcile;
using Netguard.Bench.Agent;
using Netguard.Core.Config;
using Netguard.Core.Kube.Models;
using Netguard.Core.Qos;

// Usage (inside the node namespace): ApplyBench DEVICE [PODS] [REPEATS]
// Measures plan + reconcile (read state, diff, apply) with the agent's own code against the real kernel.
var device = args.Length > 0 ? args[0] : "ngup0";
var podCount = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 250;
var repeats = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 20;
const long Link = 200_000_000;

var tools = new ProcessRunner();
var runner = new CountingRunner(tools);
var reconciler = new Reconciler(runner, TimeProvider.System);
var caps = (await new CapabilityProbe(tools).ProbeAsync(CancellationToken.None)).Capabilities;
var config = new QosConfig();
string?[] classes = ["control-plane", "latency-sensitive", null, "bulk", "standard"];

List<Pod> Pods(int n) => Enumerable.Range(1, n).Select(i =>
{
    var ip = $"198.18.{100 + (i / 250)}.{1 + (i % 250)}";
    var cls = classes[i % classes.Length];
    return new Pod
    {
        Metadata = new ObjectMeta
        {
            Namespace = $"ns{i % 7}",
            Name = $"pod-{i}",
            Annotations = cls is null ? null : new() { [QosPlan.ClassAnnotation] = cls },
        },
        Status = new PodStatus { Phase = "Running", PodIP = ip, PodIPs = [new PodIP { Ip = ip }, new PodIP { Ip = $"fd6e:6767:100::{i:x}" }] },
    };
}).ToList();

QosPlan Plan(List<Pod> pods) => QosPlanner.Plan(new QosPlanInput(config, pods, device, Link, caps));

async Task Clean()
{
    await tools.RunAsync("tc", ["qdisc", "del", "dev", device, "root"], null, CancellationToken.None);
    await tools.RunAsync("nft", ["-f", "-"], NftScriptWriter.Delete(), CancellationToken.None);
}

async Task<(double Ms, int Reads, int Writes)> Timed(List<Pod> pods)
{
    runner.Reset();
    var watch = Stopwatch.StartNew();
    var outcome = await reconciler.ReconcileAsync(Plan(pods), force: false, CancellationToken.None);
    watch.Stop();
    if (outcome.Refused)
    {
        throw new InvalidOperationException(outcome.Changes.Refusal);
    }

    return (watch.Elapsed.TotalMilliseconds, runner.Reads, runner.Writes);
}

var basePods = Pods(podCount);
var withOneMore = Pods(podCount + 1);

// Warm up the JIT and the kernel modules once.
await Clean();
await Timed(basePods);

var scratch = new List<(double, int, int)>();
var add = new List<(double, int, int)>();
var same = new List<(double, int, int)>();
for (var i = 0; i < repeats; i++)
{
    await Clean();
    scratch.Add(await Timed(basePods));
    add.Add(await Timed(withOneMore));
    same.Add(await Timed(withOneMore));
    await Timed(basePods); // back to the base state, not measured
}

var verify = await reconciler.VerifyAsync(Plan(basePods), CancellationToken.None);
if (!verify.IsEmpty)
{
    throw new InvalidOperationException("kernel does not match the plan: " + string.Join("; ", verify.Reasons));
}

await Clean();

static string Row(string name, List<(double Ms, int Reads, int Writes)> runs)
{
    var ms = runs.Select(r => r.Ms).Order().ToList();
    var p = (double q) => ms[Math.Min(ms.Count - 1, (int)Math.Ceiling(q * ms.Count) - 1)];
    return string.Create(CultureInfo.InvariantCulture,
        $"| {name,-40} | {p(0.5),7:F1} ms | {p(0.9),7:F1} ms | {ms[^1],7:F1} ms | {$"{runs.Max(r => r.Reads)} reads + {runs.Max(r => r.Writes)} writes",-22} |");
}

Console.WriteLine($"plan + reconcile on {device}, leaf qdisc {LeafQdiscChooser.ChooseKind(caps)}, {repeats} runs each:");
Console.WriteLine();
Console.WriteLine("| reconcile                                |     p50    |     p90    |     max    | tool launches          |");
Console.WriteLine("|------------------------------------------|------------|------------|------------|------------------------|");
Console.WriteLine(Row($"{podCount} pods from scratch", scratch));
Console.WriteLine(Row($"one pod added to {podCount}", add));
Console.WriteLine(Row($"unchanged ({podCount + 1} pods)", same));
Console.WriteLine();
var ok = scratch.Select(r => r.Item1).Order().ElementAt(scratch.Count / 2) < 300 && add.Select(r => r.Item1).Order().ElementAt(add.Count / 2) < 50 &&
         scratch.Concat(add).Concat(same).All(r => r.Item3 <= 2);
Console.WriteLine((ok ? "PASS" : "FAIL") + " from scratch < 300 ms, one pod added < 50 ms (medians), at most 2 write launches per reconcile");
return ok ? 0 : 1;
