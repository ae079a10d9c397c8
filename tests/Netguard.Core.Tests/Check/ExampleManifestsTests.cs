using Netguard.Core.Admission;
using Netguard.Core.Check;
using Netguard.Core.Config;
using Netguard.Core.Manifests;
using Netguard.Core.Rules;
using Netguard.Testing;

namespace Netguard.Core.Tests.Check;

/// <summary>Properties of the engine over the repository's manifests/examples (whatever they contain).</summary>
public class ExampleManifestsTests
{
    private static readonly CheckRunner Runner = new(BuiltInRules.CreateEngine());

    private static List<CheckInput> Examples() =>
        ManifestReader.ReadPaths([RepositoryFiles.Path("manifests", "examples")]).Select(CheckInput.From).ToList();

    [Fact]
    public void Run_Examples_EveryWarningFitsAKubectlLine()
    {
        var report = Runner.Run(Examples(), new NetguardConfig());

        // The webhook sends each warning as "[rule] message", and Kubernetes asks for at most 120 characters.
        report.Results.SelectMany(r => r.Findings).Where(f => f.Action == FindingAction.Warn)
            .ShouldAllBe(f => $"[{f.Rule}] {f.Message}".Length <= 120);
        report.Summary.Denied.ShouldBeGreaterThan(0);
        report.Summary.Warnings.ShouldBeGreaterThan(0);
        report.Summary.Mutated.ShouldBeGreaterThan(0);
    }

    [Fact]
    public void Run_MutatedExamples_NoFurtherPatch()
    {
        var inputs = Examples();
        var first = Runner.Run(inputs, new NetguardConfig());
        var mutated = first.Results.Select(r => new CheckInput(r.MutatedObject, r.Origin)).ToList();

        var second = Runner.Run(mutated, new NetguardConfig());

        second.Results.ShouldAllBe(r => r.Patch.Count == 0);
        second.Results.Select(r => r.Allowed).ShouldBe(first.Results.Select(r => r.Allowed));
    }
}
