using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;
using Netguard.Core.Admission;
using Netguard.Core.Cluster;
using Netguard.Core.Config;
using Netguard.Core.JsonPatch;
using Netguard.Core.Kube.Models;
using Netguard.Core.Rules;
using Netguard.Core.Tests.Rules;

namespace Netguard.Core.Tests.Admission;

public class AdmissionEngineTests
{
    private const string TolerantWebPod = """
        {"apiVersion":"v1","kind":"Pod","metadata":{"name":"web","namespace":"shop","labels":{"app":"web"}},
         "spec":{"containers":[{"name":"c","image":"nginx"}],
                 "tolerations":[{"key":"node-role.kubernetes.io/control-plane","operator":"Exists","effect":"NoSchedule"}]}}
        """;

    private static AdmissionResult Admit(string json, NetguardConfig? config = null) =>
        BuiltInRules.CreateEngine().Evaluate(
            new AdmissionSubject("Pod", AdmissionOperation.Create, RuleHarness.Parse(json)), ClusterSnapshot.Empty, config ?? new NetguardConfig());

    [Fact]
    public void Evaluate_BuiltInRules_MutatesThenDenies()
    {
        var result = Admit(TolerantWebPod);

        result.Allowed.ShouldBeFalse();
        result.Findings.Select(f => (f.Rule, f.Action)).ShouldBe(
        [
            ("topology-spread", FindingAction.Mutate),
            ("qos-class", FindingAction.Mutate),
            ("control-plane-toleration", FindingAction.Deny),
        ]);
        result.Patch.Select(o => o.Path).ShouldBe(
        [
            "/spec/topologySpreadConstraints",
            "/metadata/annotations",
            "/metadata/annotations/netguard.io~1qos-source",
        ]);
    }

    [Theory]
    [InlineData(RuleAction.Warn, true, FindingAction.Warn)]
    [InlineData(RuleAction.Deny, false, FindingAction.Deny)]
    public void Evaluate_RuleActionFromConfig_DecidesVerdict(RuleAction action, bool allowed, FindingAction expected)
    {
        var config = new NetguardConfig { Rules = { ["control-plane-toleration"] = action } };

        var result = Admit(TolerantWebPod, config);

        result.Allowed.ShouldBe(allowed);
        result.Findings.Single(f => f.Rule == "control-plane-toleration").Action.ShouldBe(expected);
    }

    [Fact]
    public void Evaluate_RulesOff_NeitherFindingNorPatch()
    {
        var config = new NetguardConfig
        {
            Rules =
            {
                ["control-plane-toleration"] = RuleAction.Off,
                ["qos-class"] = RuleAction.Off,
                ["topology-spread"] = RuleAction.Off,
            },
        };

        var result = Admit(TolerantWebPod, config);

        result.Findings.ShouldBeEmpty();
        result.Patch.ShouldBeEmpty();
        result.Allowed.ShouldBeTrue();
    }

    [Fact]
    public void Evaluate_Mutations_EachSeesTheOnesBeforeAndValidationSeesAll()
    {
        var engine = new AdmissionEngine([new LabelRule("first", requires: null), new LabelRule("second", requires: "first"), new LabelReporter()]);

        var result = engine.Evaluate(
            new AdmissionSubject("Pod", AdmissionOperation.Create, RuleHarness.Parse("""{"metadata":{"name":"p","labels":{}},"spec":{}}""")),
            ClusterSnapshot.Empty,
            new NetguardConfig());

        RuleHarness.Ops(result).ShouldBe(["add /metadata/labels/first \"yes\"", "add /metadata/labels/second \"yes\""]);
        result.Findings[^1].Message.ShouldBe("labels: first,second");
    }

    [Fact]
    public void Evaluate_PatchAppliedToInput_GivesMutatedObject()
    {
        var input = RuleHarness.Parse(TolerantWebPod);

        var result = Admit(TolerantWebPod);

        JsonValueEquality.DeepEquals(JsonPatchApplier.Apply(input, result.Patch), result.MutatedObject).ShouldBeTrue();
    }

    /// <summary>
    /// Over generated pods (namespaces, labels, owners, tolerations, constraints, affinity, annotations): the
    /// patch applies to the input, never removes or reorders what the user wrote, only adds/replaces, and the
    /// engine run on its own output yields an empty patch.
    /// </summary>
    [Fact]
    public void Evaluate_GeneratedPods_PatchIsAdditiveAndIdempotent()
    {
        var config = new NetguardConfig();
        config.Topology.Spread.Add(new SpreadRule { TopologyKey = "kubernetes.io/hostname", MatchLabels = new(StringComparer.Ordinal) { ["tier"] = "web" } });
        config.Topology.Colocate.Add(new ColocateRule { With = new ColocateTarget { Labels = new(StringComparer.Ordinal) { ["app"] = "cache" } } });
        var engine = BuiltInRules.CreateEngine();

        Prop.ForAll(GeneratedPods().ToArbitrary(), json =>
        {
            var input = RuleHarness.Parse(json);
            var first = engine.Evaluate(new AdmissionSubject("Pod", AdmissionOperation.Create, input), ClusterSnapshot.Empty, config);
            var second = engine.Evaluate(new AdmissionSubject("Pod", AdmissionOperation.Create, first.MutatedObject), ClusterSnapshot.Empty, config);
            var applied = JsonPatchApplier.Apply(input, first.Patch)!;

            return JsonValueEquality.DeepEquals(applied, first.MutatedObject)
                && second.Patch.Count == 0
                && first.Patch.All(o => o.Op is "add" or "replace")
                && first.Patch.Where(o => o.Op == "replace").All(o => o.Path.StartsWith("/metadata/annotations/", StringComparison.Ordinal))
                && KeepsPrefix(input, applied, "/spec/tolerations")
                && KeepsPrefix(input, applied, "/spec/topologySpreadConstraints")
                && KeepsPrefix(input, applied, "/spec/affinity/podAffinity/preferredDuringSchedulingIgnoredDuringExecution");
        }).QuickCheckThrowOnFailure();
    }

    private static bool KeepsPrefix(JsonObject before, JsonNode after, string pointer)
    {
        if (Find(before, pointer) is not JsonArray original)
        {
            return true;
        }

        return Find(after, pointer) is JsonArray now && now.Count >= original.Count
            && original.Select((item, i) => JsonValueEquality.DeepEquals(item, now[i])).All(x => x);
    }

    private static JsonNode? Find(JsonNode root, string pointer)
    {
        try
        {
            return JsonPatchApplier.Get(root, pointer);
        }
        catch (JsonPatchException)
        {
            return null;
        }
    }

    private static Gen<string> GeneratedPods()
    {
        string[] namespaces = ["shop", "kube-system", "prod"];
        string[] labelSets = ["{}", """{"app":"web"}""", """{"app.kubernetes.io/name":"api","tier":"web"}""", """{"netguard.io/workload":"batch","app":"etl"}"""];
        string[] owners = ["", ""","ownerReferences":[{"apiVersion":"apps/v1","kind":"ReplicaSet","name":"rs","uid":"1","controller":true}]""", ""","ownerReferences":[{"apiVersion":"apps/v1","kind":"DaemonSet","name":"ds","uid":"2","controller":true}]"""];
        string[] annotations = ["", ""","annotations":{}""", ""","annotations":{"netguard.io/qos-class":"bulk"}""", ""","annotations":{"netguard.io/qos-class":"standard","netguard.io/qos-source":"default"}""", ""","annotations":{"netguard.io/qos-class":"","team":"x"}"""];
        string[] specExtras =
        [
            "",
            ""","tolerations":[{"operator":"Exists"}]""",
            ""","topologySpreadConstraints":[{"maxSkew":2,"topologyKey":"kubernetes.io/hostname","whenUnsatisfiable":"DoNotSchedule","labelSelector":{}}]""",
            ""","topologySpreadConstraints":[{"maxSkew":2,"topologyKey":"example.com/rack","whenUnsatisfiable":"DoNotSchedule","labelSelector":{}}]""",
            ""","affinity":{"podAffinity":{"preferredDuringSchedulingIgnoredDuringExecution":[{"weight":5,"podAffinityTerm":{"topologyKey":"x"}}]}}""",
            ""","affinity":{"nodeAffinity":{}}""",
            ",\"priorityClassName\":\"system-cluster-critical\",\"nodeName\":\"n1\"",
        ];

        return from ns in Gen.Elements(namespaces)
               from labels in Gen.Elements(labelSets)
               from owner in Gen.Elements(owners)
               from ann in Gen.Elements(annotations)
               from extra in Gen.Elements(specExtras)
               select "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"p\",\"namespace\":\"" + ns + "\",\"labels\":" + labels + owner + ann + "},"
                   + "\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"i\"}]" + extra + "}}";
    }

    /// <summary>Adds label <c>name</c>, when the label <c>requires</c> (if any) is already there.</summary>
    [Fact]
    public void Evaluate_BuilderWriteNotPassedToMutate_FailsNamingTheRule()
    {
        // The patch sent to the API server must be exactly what the next rules saw.
        var engine = new AdmissionEngine([new SilentWriter()]);

        var e = Should.Throw<RuleEvaluationException>(() => engine.Evaluate(
            new AdmissionSubject("Pod", AdmissionOperation.Create, RuleHarness.Parse("""{"metadata":{"name":"p"},"spec":{}}""")),
            ClusterSnapshot.Empty,
            new NetguardConfig()));

        e.RuleId.ShouldBe("silent-writer");
    }

    private sealed class SilentWriter : IAdmissionRule
    {
        public RuleDescriptor Descriptor { get; } = new("silent-writer", RulePhase.Mutate, RuleAction.On, ["Pod"], [AdmissionOperation.Create], "test");

        public void Evaluate(RuleContext context) => context.Patch.Set(["metadata", "labels", "x"], JsonValue.Create("y"));
    }

    private sealed class LabelRule(string name, string? requires) : IAdmissionRule
    {
        public RuleDescriptor Descriptor { get; } = new("label-" + name, RulePhase.Mutate, RuleAction.On, ["Pod"], [AdmissionOperation.Create], "test");

        public void Evaluate(RuleContext context)
        {
            var labels = context.Subject.Typed.Metadata.Labels ?? [];
            if (requires is null || labels.ContainsKey(requires))
            {
                context.Mutate("label " + name, JsonPatchOperation.Add("/metadata/labels/" + name, JsonValue.Create("yes")));
            }
        }
    }

    private sealed class LabelReporter : IAdmissionRule
    {
        public RuleDescriptor Descriptor { get; } = new("label-reporter", RulePhase.Validate, RuleAction.Warn, ["Pod"], [AdmissionOperation.Create], "test");

        public void Evaluate(RuleContext context) =>
            context.Report("labels: " + string.Join(",", (context.Subject.Typed.Metadata.Labels ?? []).Keys.Order(StringComparer.Ordinal)));
    }
}
