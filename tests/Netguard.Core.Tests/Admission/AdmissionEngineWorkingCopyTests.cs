using System.Text.Json.Nodes;
using Netguard.Core.Admission;
using Netguard.Core.Cluster;
using Netguard.Core.Config;
using Netguard.Core.JsonPatch;
using Netguard.Core.Rules;

namespace Netguard.Core.Tests.Admission;

/// <summary>Mutations are applied to one private working copy: the submitted object never changes.</summary>
public class AdmissionEngineWorkingCopyTests
{
    [Fact]
    public void Evaluate_SeveralMutatingRules_SubmittedObjectUnchangedAndResultHasThemAll()
    {
        const string Pod = """
            {"apiVersion":"v1","kind":"Pod","metadata":{"name":"web","namespace":"shop","labels":{"app":"web"}},
             "spec":{"containers":[{"name":"c","image":"nginx"}]}}
            """;
        var input = JsonNode.Parse(Pod)!.AsObject();
        var config = new NetguardConfig();
        config.Topology.Colocate.Add(new ColocateRule { With = new ColocateTarget { Labels = new(StringComparer.Ordinal) { ["app"] = "cache" } } });

        var result = BuiltInRules.CreateEngine().Evaluate(new AdmissionSubject("Pod", AdmissionOperation.Create, input), ClusterSnapshot.Empty, config);

        result.Findings.Count(f => f.Action == FindingAction.Mutate).ShouldBe(3); // spread, colocate, qos
        JsonValueEquality.DeepEquals(input, JsonNode.Parse(Pod)).ShouldBeTrue();
        ReferenceEquals(result.MutatedObject, input).ShouldBeFalse();
        JsonValueEquality.DeepEquals(JsonPatchApplier.Apply(input, result.Patch), result.MutatedObject).ShouldBeTrue();
    }

    [Fact]
    public void ApplyInPlace_ChangesTheDocumentItself_ApplyLeavesItAlone()
    {
        var doc = JsonNode.Parse("""{"a":{"b":[1]}}""")!;
        var ops = new[] { JsonPatchOperation.Add("/a/b/-", 2), JsonPatchOperation.Add("/c", "x") };

        var copy = JsonPatchApplier.Apply(doc, ops);
        doc.ToJsonString().ShouldBe("""{"a":{"b":[1]}}""");

        var same = JsonPatchApplier.ApplyInPlace(doc, ops);
        ReferenceEquals(same, doc).ShouldBeTrue();
        doc.ToJsonString().ShouldBe("""{"a":{"b":[1,2]},"c":"x"}""");
        JsonValueEquality.DeepEquals(copy, doc).ShouldBeTrue();
    }
}
