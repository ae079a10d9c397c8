using System.Collections.Concurrent;

namespace Netguard.Core.Tests.Reachability;

public class ReachabilityScenarioTests
{
    private static readonly ConcurrentDictionary<string, ClusterFixture> Clusters = new(StringComparer.Ordinal);

    public static TheoryData<string, string> Probes => ReachabilityScenarios.Probes();

    [Theory]
    [MemberData(nameof(Probes))]
    public void Reach_Scenario_MatchesHandWrittenVerdict(string scenario, string probe)
    {
        var (from, to, port, expected) = ParseProbe(probe);
        var cluster = Clusters.GetOrAdd(scenario, s => ReachabilityScenarios.All[s].Cluster());

        var verdict = cluster.Reach(from, to, port);

        verdict.Allowed.ShouldBe(expected, $"{scenario}: {probe} (egress {verdict.Egress.Reason}, ingress {verdict.Ingress.Reason})");
    }

    [Fact]
    public void Scenarios_HaveNoPolicyProblems()
    {
        foreach (var (name, (cluster, _)) in ReachabilityScenarios.All)
        {
            cluster().Engine.Problems.ShouldBeEmpty(name);
        }
    }

    internal static (string From, string To, string Port, bool Allowed) ParseProbe(string probe)
    {
        // "FROM -> TO PORT VERDICT" (a trailing comment never reaches here: they are C# comments)
        var parts = probe.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        parts.Length.ShouldBe(5, probe);
        parts[1].ShouldBe("->");
        parts[4].ShouldBeOneOf("ALLOW", "DENY");
        return (parts[0], parts[2], parts[3], parts[4] == "ALLOW");
    }
}
