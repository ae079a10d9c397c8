using Netguard.Core.Admission;
using Netguard.Core.Kube.Models;
using Netguard.Core.Rules.ControlPlane;

namespace Netguard.Core.Tests.Rules.ControlPlane;

public class ControlPlaneTaintRuleTests
{
    private static readonly RuleHarness Harness = new(new ControlPlaneTaintRule());

    private const string Tainted = """{"key":"node-role.kubernetes.io/control-plane","effect":"NoSchedule"}""";

    private static string Node(string labels, string? taints)
    {
        var spec = taints is null ? "" : $$$""","spec":{"taints":{{{taints}}}}""";
        return $$$"""{"apiVersion":"v1","kind":"Node","metadata":{"name":"cp-1","labels":{{{labels}}}}{{{spec}}}}""";
    }

    private const string ControlPlaneLabels = """{"node-role.kubernetes.io/control-plane":""}""";

    [Fact]
    public void Evaluate_CreateControlPlaneNodeWithoutSpec_AddsTaintsList()
    {
        var result = Harness.Run("Node", Node(ControlPlaneLabels, taints: null));

        result.Allowed.ShouldBeTrue();
        RuleHarness.Ops(result).ShouldBe(["add /spec {\"taints\":[{\"key\":\"node-role.kubernetes.io/control-plane\",\"effect\":\"NoSchedule\"}]}"]);
        result.Findings.ShouldHaveSingleItem().Message.ShouldBe("added taint node-role.kubernetes.io/control-plane:NoSchedule to control-plane node cp-1");
    }

    [Fact]
    public void Evaluate_CreateWithOtherTaints_AppendsWithoutReordering()
    {
        var result = Harness.Run("Node", Node(ControlPlaneLabels, """[{"key":"example.com/gpu","effect":"NoSchedule"}]"""));

        RuleHarness.Ops(result).ShouldBe(["add /spec/taints/- {\"key\":\"node-role.kubernetes.io/control-plane\",\"effect\":\"NoSchedule\"}"]);
        RuleHarness.At(result.MutatedObject, "/spec/taints/0/key")!.GetValue<string>().ShouldBe("example.com/gpu");
    }

    [Fact]
    public void Evaluate_CreateWithTaint_NoPatchAndIdempotent()
    {
        var first = Harness.Run("Node", Node(ControlPlaneLabels, taints: null));

        Harness.Rerun("Node", first).Patch.ShouldBeEmpty();
        Harness.Run("Node", Node(ControlPlaneLabels, $"[{Tainted}]")).Patch.ShouldBeEmpty();
    }

    [Fact]
    public void Evaluate_CreateWorker_Untouched()
    {
        Harness.Run("Node", Node("""{"disk":"ssd"}""", taints: null)).Findings.ShouldBeEmpty();
    }

    [Fact]
    public void Evaluate_CreateWithSameKeyOtherEffect_StillAddsConfiguredEffect()
    {
        var result = Harness.Run("Node", Node(ControlPlaneLabels, """[{"key":"node-role.kubernetes.io/control-plane","effect":"PreferNoSchedule"}]"""));

        RuleHarness.Ops(result).ShouldHaveSingleItem().ShouldStartWith("add /spec/taints/- ");
    }

    [Fact]
    public void Evaluate_UpdateRemovingTaint_Denied()
    {
        var result = Harness.Run("Node", Node(ControlPlaneLabels, "[]"), AdmissionOperation.Update,
            oldJson: Node(ControlPlaneLabels, $"[{Tainted}]"),
            user: new UserInfo { Username = "alice", Groups = ["system:authenticated"] });

        result.Allowed.ShouldBeFalse();
        result.Findings.ShouldHaveSingleItem().Message.ShouldBe("only taintAdmins may remove taint node-role.kubernetes.io/control-plane:NoSchedule from node cp-1");
        result.Patch.ShouldBeEmpty();
    }

    [Fact]
    public void Evaluate_UpdateRemovingTaintByAdminGroup_Allowed()
    {
        var result = Harness.Run("Node", Node(ControlPlaneLabels, "[]"), AdmissionOperation.Update,
            oldJson: Node(ControlPlaneLabels, $"[{Tainted}]"),
            user: new UserInfo { Username = "kubernetes-admin", Groups = ["system:masters", "system:authenticated"] });

        result.Findings.ShouldBeEmpty();
    }

    [Fact]
    public void Evaluate_UpdateRemovingTaintByAdminUser_Allowed()
    {
        var config = new Netguard.Core.Config.NetguardConfig();
        config.ControlPlane.TaintAdmins = ["ops-bot"];
        var harness = new RuleHarness(new ControlPlaneTaintRule()) { Config = config };

        var result = harness.Run("Node", Node(ControlPlaneLabels, "[]"), AdmissionOperation.Update,
            oldJson: Node(ControlPlaneLabels, $"[{Tainted}]"), user: new UserInfo { Username = "ops-bot" });

        result.Findings.ShouldBeEmpty();
    }

    [Fact]
    public void Evaluate_UpdateRemovingLabelAndTaintTogether_Denied()
    {
        var result = Harness.Run("Node", Node("{}", "[]"), AdmissionOperation.Update,
            oldJson: Node(ControlPlaneLabels, $"[{Tainted}]"), user: new UserInfo { Username = "alice" });

        result.Allowed.ShouldBeFalse();
    }

    [Fact]
    public void Evaluate_UpdateKeepingTaint_Allowed()
    {
        var node = Node(ControlPlaneLabels, $"[{Tainted}]");

        Harness.Run("Node", node, AdmissionOperation.Update, oldJson: node, user: new UserInfo { Username = "alice" })
            .Findings.ShouldBeEmpty();
    }

    [Fact]
    public void Evaluate_UpdateOfUntaintedNode_NotPatched()
    {
        // Only CREATE adds the taint; an UPDATE of a node that never had it is left to audit.
        var node = Node(ControlPlaneLabels, "[]");

        Harness.Run("Node", node, AdmissionOperation.Update, oldJson: node).Findings.ShouldBeEmpty();
    }
}
