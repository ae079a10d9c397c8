using System.Text.Json;
using System.Text.Json.Nodes;
using Netguard.Core.Admission;
using Netguard.Core.Cluster;
using Netguard.Core.Config;
using Netguard.Core.JsonPatch;
using Netguard.Core.Kube.Models;
using Netguard.Core.Rules;
using Netguard.Core.Rules.Qos;
using Netguard.Core.Rules.Topology;

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
    public void Evaluate_MutationsThenValidation_ValidationSeesTheWholeMutatedObject()
    {
        // A rule that writes without reading the typed view sits between two that read it; the validation
        // must see what a full read of the mutated object gives, labels, constraint and annotations alike.
        const string Pod = """
            {"apiVersion":"v1","kind":"Pod","metadata":{"name":"web","namespace":"shop","labels":{"app":"web"}},
             "spec":{"containers":[{"name":"c","image":"nginx"}]}}
            """;
        var recorder = new RecordingValidation();
        var engine = new AdmissionEngine([new TopologySpreadRule(), new BlindLabelRule(), new QosClassRule(), recorder]);

        var result = engine.Evaluate(new AdmissionSubject("Pod", AdmissionOperation.Create, JsonNode.Parse(Pod)!.AsObject()), ClusterSnapshot.Empty, new NetguardConfig());

        var seen = recorder.Seen.ShouldBeOfType<Pod>();
        seen.Metadata.Labels!["tier"].ShouldBe("front");
        seen.Metadata.Annotations!["netguard.io/qos-class"].ShouldBe("standard");
        seen.Spec!.TopologySpreadConstraints.ShouldHaveSingleItem().TopologyKey.ShouldBe("topology.kubernetes.io/zone");
        JsonSerializer.Serialize(seen, KubeJsonContext.Default.Pod).ShouldBe(
            JsonSerializer.Serialize((Pod)KubeObjectReader.Read("Pod", result.MutatedObject), KubeJsonContext.Default.Pod));
    }

    [Fact]
    public void Evaluate_MutationTheModelCannotRead_FailureNamesTheRuleThatReadsNext()
    {
        // A rule bug: tolerations written as a string. The next rule's view cannot be read; the engine says which
        // rule was about to read it instead of letting a bare JsonException out.
        var engine = new AdmissionEngine([new IllTypedRule(), new QosClassRule()]);
        var pod = JsonNode.Parse("""{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p","namespace":"shop"},"spec":{"tolerations":[]}}""")!.AsObject();
        var subject = new AdmissionSubject("Pod", AdmissionOperation.Create, pod);
        _ = subject.Typed;

        var e = Should.Throw<RuleEvaluationException>(() => engine.Evaluate(subject, ClusterSnapshot.Empty, new NetguardConfig()));

        e.RuleId.ShouldBe("qos-class");
        e.InnerException.ShouldBeOfType<JsonException>();
    }

    private sealed class IllTypedRule : IAdmissionRule
    {
        public RuleDescriptor Descriptor { get; } = new("test-ill-typed", RulePhase.Mutate, RuleAction.On, ["Pod"], [AdmissionOperation.Create], "writes a string where a list belongs");

        public void Evaluate(RuleContext context) =>
            context.Mutate("oops", context.Patch.Set(["spec", "tolerations"], JsonValue.Create("oops")));
    }

    private sealed class BlindLabelRule : IAdmissionRule
    {
        public RuleDescriptor Descriptor { get; } = new("test-blind-label", RulePhase.Mutate, RuleAction.On, ["Pod"], [AdmissionOperation.Create], "adds a label");

        public void Evaluate(RuleContext context) =>
            context.Mutate("label", context.Patch.Set(["metadata", "labels", "tier"], JsonValue.Create("front")));
    }

    private sealed class RecordingValidation : IAdmissionRule
    {
        public RuleDescriptor Descriptor { get; } = new("test-recorder", RulePhase.Validate, RuleAction.Deny, ["Pod"], [AdmissionOperation.Create], "records the view");

        public KubeObject? Seen { get; private set; }

        public void Evaluate(RuleContext context) => Seen = context.Subject.Typed;
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
