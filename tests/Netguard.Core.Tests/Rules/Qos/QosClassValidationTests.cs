using Netguard.Core.Admission;
using Netguard.Core.Config;
using Netguard.Core.Rules.Qos;

namespace Netguard.Core.Tests.Rules.Qos;

public class QosClassValidationTests
{
    private static readonly RuleHarness Harness = new(new QosClassRule(), new QosClassUnknownRule(), new QosClassForbiddenRule());

    private static string Pod(string? cls, string ns = "shop", string labels = "{}", string priorityClass = "", string source = "")
    {
        var ann = cls is null ? "" : ",\"annotations\":{\"netguard.io/qos-class\":\"" + cls + "\"" + (source.Length > 0 ? ",\"netguard.io/qos-source\":\"" + source + "\"" : "") + "}";
        var prio = priorityClass.Length == 0 ? "" : ",\"priorityClassName\":\"" + priorityClass + "\"";
        return "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"p\",\"namespace\":\"" + ns + "\",\"labels\":" + labels + ann + "},"
            + "\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"nginx\"}]" + prio + "}}";
    }

    private static Finding Denial(AdmissionResult result) => result.Denials.ShouldHaveSingleItem();

    [Fact]
    public void Evaluate_UnknownClass_DeniedListingClasses()
    {
        var result = Harness.Run("Pod", Pod("gold"));

        var denial = Denial(result);
        denial.Rule.ShouldBe("qos-class-unknown");
        denial.Message.ShouldBe("unknown QoS class \"gold\" (classes: control-plane, latency-sensitive, standard, bulk)");
    }

    [Fact]
    public void Evaluate_UserAnnotatesControlPlane_Forbidden()
    {
        var result = Harness.Run("Pod", Pod("control-plane"));

        var denial = Denial(result);
        denial.Rule.ShouldBe("qos-class-forbidden");
        denial.Message.ShouldBe("QoS class control-plane is not granted to pods in namespace shop (see qos.requests)");
    }

    [Fact]
    public void Evaluate_SpoofedSource_StillForbidden()
    {
        Denial(Harness.Run("Pod", Pod("control-plane", source: "assignment:0"))).Rule.ShouldBe("qos-class-forbidden");
    }

    [Fact]
    public void Evaluate_ControlPlaneForCriticalKubeSystemPod_Allowed()
    {
        Harness.Run("Pod", Pod("control-plane", ns: "kube-system", priorityClass: "system-cluster-critical")).Allowed.ShouldBeTrue();
    }

    [Fact]
    public void Evaluate_ControlPlaneForKubeSystemPodWithoutPriority_Forbidden()
    {
        // Assignment fields are ANDed: kube-system alone does not grant control-plane.
        Denial(Harness.Run("Pod", Pod("control-plane", ns: "kube-system"))).Rule.ShouldBe("qos-class-forbidden");
    }

    [Theory]
    [InlineData("latency-sensitive")]
    [InlineData("bulk")]
    [InlineData("standard")]
    public void Evaluate_GrantedOrDefaultClass_AllowedAndKept(string cls)
    {
        var result = Harness.Run("Pod", Pod(cls));

        result.Allowed.ShouldBeTrue();
        RuleHarness.At(result.MutatedObject, "/metadata/annotations/netguard.io~1qos-class")!.GetValue<string>().ShouldBe(cls);
        RuleHarness.At(result.MutatedObject, "/metadata/annotations/netguard.io~1qos-source")!.GetValue<string>().ShouldBe("requested");
    }

    [Fact]
    public void Evaluate_RequestLimitedToNamespace_OnlyThere()
    {
        var config = new NetguardConfig();
        config.Qos.Requests = [new QosRequestGrant { Class = "latency-sensitive", Namespaces = ["prod"] }];
        var harness = new RuleHarness(new QosClassRule(), new QosClassUnknownRule(), new QosClassForbiddenRule()) { Config = config };

        harness.Run("Pod", Pod("latency-sensitive", ns: "prod")).Allowed.ShouldBeTrue();
        harness.Run("Pod", Pod("latency-sensitive", ns: "shop")).Allowed.ShouldBeFalse();
    }

    [Fact]
    public void Evaluate_MatchingAssignmentGrantsClassWithoutRequests()
    {
        var config = new NetguardConfig();
        config.Qos.Requests = [];
        var harness = new RuleHarness(new QosClassRule(), new QosClassUnknownRule(), new QosClassForbiddenRule()) { Config = config };

        harness.Run("Pod", Pod("bulk", labels: """{"netguard.io/workload":"batch"}""")).Allowed.ShouldBeTrue();
        harness.Run("Pod", Pod("bulk")).Allowed.ShouldBeFalse();
    }

    [Fact]
    public void Evaluate_UpdateEscalatingToControlPlane_Forbidden()
    {
        var result = Harness.Run("Pod", Pod("control-plane", source: "requested"), AdmissionOperation.Update,
            oldJson: Pod("latency-sensitive", source: "requested"));

        Denial(result).Rule.ShouldBe("qos-class-forbidden");
    }

    [Fact]
    public void Evaluate_UpdateLeavingClassAlone_AllowedEvenIfNoLongerGrantedOrKnown()
    {
        // A pod stamped under an older config must stay updatable (finalizers, labels).
        var forbidden = Pod("control-plane", source: "requested");
        var unknown = Pod("gold", source: "requested");

        Harness.Run("Pod", forbidden, AdmissionOperation.Update, oldJson: forbidden).Allowed.ShouldBeTrue();
        Harness.Run("Pod", unknown, AdmissionOperation.Update, oldJson: unknown).Allowed.ShouldBeTrue();
    }

    [Fact]
    public void Evaluate_UpdateToUnknownClass_Denied()
    {
        var result = Harness.Run("Pod", Pod("gold"), AdmissionOperation.Update, oldJson: Pod("bulk"));

        Denial(result).Rule.ShouldBe("qos-class-unknown");
    }

    [Fact]
    public void Evaluate_NoAnnotation_StampedAndAllowed()
    {
        var result = Harness.Run("Pod", Pod(null, ns: "kube-system", priorityClass: "system-node-critical"));

        result.Allowed.ShouldBeTrue();
        result.Findings.ShouldHaveSingleItem().Action.ShouldBe(FindingAction.Mutate);
    }
}
