using Netguard.Core.Admission;
using Netguard.Core.Config;
using Netguard.Core.Rules.Qos;

namespace Netguard.Core.Tests.Rules.Qos;

public class QosClassRuleTests
{
    private static readonly RuleHarness Harness = new(new QosClassRule());

    private static string Pod(string ns = "shop", string annotations = "", string labels = "{}", string priorityClass = "")
    {
        var ann = annotations.Length == 0 ? "" : ",\"annotations\":" + annotations;
        var prio = priorityClass.Length == 0 ? "" : ",\"priorityClassName\":\"" + priorityClass + "\"";
        return "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"p\",\"namespace\":\"" + ns + "\",\"labels\":" + labels + ann + "},"
            + "\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"nginx\"}]" + prio + "}}";
    }

    private static string Annotations(string cls, string? source = null) =>
        source is null
            ? "{\"netguard.io/qos-class\":\"" + cls + "\"}"
            : "{\"netguard.io/qos-class\":\"" + cls + "\",\"netguard.io/qos-source\":\"" + source + "\"}";

    [Fact]
    public void Evaluate_NoAnnotations_CreatesThemWithDefaultClass()
    {
        var result = Harness.Run("Pod", Pod());

        RuleHarness.Ops(result).ShouldBe(
        [
            """add /metadata/annotations {"netguard.io/qos-class":"standard"}""",
            """add /metadata/annotations/netguard.io~1qos-source "default" """.TrimEnd(),
        ]);
        result.Findings.ShouldHaveSingleItem().Message.ShouldBe("set netguard.io/qos-class=standard (default)");
    }

    [Fact]
    public void Evaluate_OtherAnnotations_AddsBesideThem()
    {
        var result = Harness.Run("Pod", Pod(annotations: """{"team":"a"}"""));

        RuleHarness.Ops(result).ShouldBe(
        [
            """add /metadata/annotations/netguard.io~1qos-class "standard" """.TrimEnd(),
            """add /metadata/annotations/netguard.io~1qos-source "default" """.TrimEnd(),
        ]);
    }

    [Fact]
    public void Evaluate_KubeSystemCriticalPod_GetsControlPlaneFromFirstAssignment()
    {
        var result = Harness.Run("Pod", Pod(ns: "kube-system", priorityClass: "system-node-critical"));

        RuleHarness.At(result.MutatedObject, "/metadata/annotations")!.ToJsonString()
            .ShouldBe("""{"netguard.io/qos-class":"control-plane","netguard.io/qos-source":"assignment:0"}""");
    }

    [Fact]
    public void Evaluate_KubeSystemPodWithoutPriorityClass_FieldsAreAndedSoDefault()
    {
        var result = Harness.Run("Pod", Pod(ns: "kube-system"));

        RuleHarness.At(result.MutatedObject, "/metadata/annotations/netguard.io~1qos-class")!.GetValue<string>().ShouldBe("standard");
    }

    [Fact]
    public void Evaluate_BatchLabel_GetsBulkFromSecondAssignment()
    {
        var result = Harness.Run("Pod", Pod(labels: """{"netguard.io/workload":"batch"}"""));

        RuleHarness.At(result.MutatedObject, "/metadata/annotations")!.ToJsonString()
            .ShouldBe("""{"netguard.io/qos-class":"bulk","netguard.io/qos-source":"assignment:1"}""");
    }

    [Fact]
    public void Evaluate_NamedAssignment_SourceUsesName()
    {
        var config = new NetguardConfig();
        config.Qos.Assignments.Insert(0, new QosAssignment { Name = "frontends", Class = "latency-sensitive", MatchLabels = new(StringComparer.Ordinal) { ["tier"] = "frontend" } });
        var harness = new RuleHarness(new QosClassRule()) { Config = config };

        var result = harness.Run("Pod", Pod(labels: """{"tier":"frontend"}"""));

        RuleHarness.At(result.MutatedObject, "/metadata/annotations/netguard.io~1qos-source")!.GetValue<string>().ShouldBe("assignment:frontends");
    }

    [Fact]
    public void Evaluate_RequestedClassWithoutSource_KeepsClassAddsRequested()
    {
        var result = Harness.Run("Pod", Pod(annotations: Annotations("latency-sensitive")));

        RuleHarness.Ops(result).ShouldBe(["""add /metadata/annotations/netguard.io~1qos-source "requested" """.TrimEnd()]);
        result.Findings.ShouldHaveSingleItem().Message.ShouldBe("kept netguard.io/qos-class=latency-sensitive; set netguard.io/qos-source=requested");
    }

    [Fact]
    public void Evaluate_RequestedControlPlane_NeverDowngraded()
    {
        // The mutation keeps what the user asked for; qos-class-forbidden decides.
        var result = Harness.Run("Pod", Pod(annotations: Annotations("control-plane")));

        RuleHarness.At(result.MutatedObject, "/metadata/annotations/netguard.io~1qos-class")!.GetValue<string>().ShouldBe("control-plane");
    }

    [Fact]
    public void Evaluate_CopiedStampThatDoesNotFit_BecomesRequested()
    {
        var result = Harness.Run("Pod", Pod(annotations: Annotations("bulk", "default")));

        RuleHarness.Ops(result).ShouldBe(["""replace /metadata/annotations/netguard.io~1qos-source "requested" """.TrimEnd()]);
    }

    [Fact]
    public void Evaluate_EmptyClassAnnotation_Replaced()
    {
        var result = Harness.Run("Pod", Pod(annotations: Annotations("")));

        RuleHarness.Ops(result)[0].ShouldBe("""replace /metadata/annotations/netguard.io~1qos-class "standard" """.TrimEnd());
    }

    [Theory]
    [InlineData("shop", "")]
    [InlineData("kube-system", "system-cluster-critical")]
    [InlineData("shop", "requested-latency")]
    public void Evaluate_RunOnOwnOutput_EmptyPatch(string ns, string variant)
    {
        var json = variant == "requested-latency"
            ? Pod(ns: ns, annotations: Annotations("latency-sensitive"))
            : Pod(ns: ns, priorityClass: variant);

        var first = Harness.Run("Pod", json);

        first.Patch.ShouldNotBeEmpty();
        Harness.Rerun("Pod", first).Patch.ShouldBeEmpty();
    }

    [Fact]
    public void Evaluate_UpdateKeepingClass_KeepsItsSource()
    {
        var json = Pod(labels: """{"netguard.io/workload":"batch"}""", annotations: Annotations("standard", "default"));

        Harness.Run("Pod", json, AdmissionOperation.Update, oldJson: json).Patch.ShouldBeEmpty();
    }

    [Fact]
    public void Evaluate_UpdateChangingClass_SourceBecomesRequested()
    {
        var result = Harness.Run("Pod", Pod(annotations: Annotations("bulk", "default")), AdmissionOperation.Update,
            oldJson: Pod(annotations: Annotations("standard", "default")));

        RuleHarness.Ops(result).ShouldBe(["""replace /metadata/annotations/netguard.io~1qos-source "requested" """.TrimEnd()]);
    }

    [Fact]
    public void Evaluate_UpdateOfPodWithoutClass_Stamps()
    {
        var json = Pod();

        Harness.Run("Pod", json, AdmissionOperation.Update, oldJson: json).Patch.Count.ShouldBe(2);
    }
}
