using System.Globalization;

namespace Netguard.Bench.Reachability;

/// <summary>Command-line knobs of the matrix benchmark.</summary>
internal sealed record BenchOptions(int Pods, int Policies, int Namespaces, int Seed, int Runs, int TargetMs, bool Naive)
{
#if DEBUG
    public const string Configuration = "Debug build (numbers are not representative; use -c Release)";
#else
    public const string Configuration = "Release build";
#endif

    public static BenchOptions Parse(string[] args)
    {
        var o = new BenchOptions(Pods: 500, Policies: 200, Namespaces: 20, Seed: 42, Runs: 15, TargetMs: 1000, Naive: true);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            var v = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
            o = args[i] switch
            {
                "--pods" => o with { Pods = v },
                "--policies" => o with { Policies = v },
                "--namespaces" => o with { Namespaces = v },
                "--seed" => o with { Seed = v },
                "--runs" => o with { Runs = v },
                "--target-ms" => o with { TargetMs = v },
                "--naive" => o with { Naive = v != 0 },
                _ => throw new ArgumentException($"unknown option {args[i]}"),
            };
        }

        return o;
    }
}
