using Netguard.Core.Admission;
using Netguard.Core.Config;
using Netguard.Core.Rules.ControlPlane;

namespace Netguard.Core.Tests.Rules.ControlPlane;

public class ControlPlaneTolerationRuleTests
{
    private static readonly RuleHarness Harness = new(new ControlPlaneTolerationRule());

    private static string Pod(string tolerations, string ns = "shop", string owner = "") => $$$"""
        {"apiVersion":"v1","kind":"Pod","metadata":{"name":"p","namespace":"{{{ns}}}"{{{owner}}}},
         "spec":{"containers":[{"name":"c","image":"nginx"}],"tolerations":{{{tolerations}}}}}
        """;

    private const string DaemonSetOwner =
        ""","ownerReferences":[{"apiVersion":"apps/v1","kind":"DaemonSet","name":"ds","uid":"1","controller":true}]""";

    [Fact]
    public void Evaluate_ToleratesControlPlaneKey_Denied()
    {
        var result = Harness.Run("Pod", Pod("""[{"key":"node-role.kubernetes.io/control-plane","operator":"Exists","effect":"NoSchedule"}]"""));

        result.Allowed.ShouldBeFalse();
        var finding = result.Findings.ShouldHaveSingleItem();
        finding.Rule.ShouldBe("control-plane-toleration");
        finding.Action.ShouldBe(FindingAction.Deny);
        finding.Message.ShouldBe("toleration[0] tolerates the control-plane taint node-role.kubernetes.io/control-plane:NoSchedule");
    }

    [Fact]
    public void Evaluate_AllowedNamespace_Passes()
    {
        var result = Harness.Run("Pod", Pod("""[{"key":"node-role.kubernetes.io/control-plane","operator":"Exists"}]""", ns: "kube-system"));

        result.Findings.ShouldBeEmpty();
    }

    [Fact]
    public void Evaluate_KeylessExists_DeniedAsToleratingEverything()
    {
        // Kubernetes docs: an empty key with operator Exists matches all keys, values and effects.
        var result = Harness.Run("Pod", Pod("""[{"operator":"Exists"}]"""));

        result.Allowed.ShouldBeFalse();
        result.Findings.ShouldHaveSingleItem().Message.ShouldContain("tolerates every taint");
    }

    [Fact]
    public void Evaluate_KeylessExistsForNoScheduleOnly_Denied()
    {
        var result = Harness.Run("Pod", Pod("""[{"operator":"Exists","effect":"NoSchedule"}]"""));

        result.Allowed.ShouldBeFalse();
    }

    [Fact]
    public void Evaluate_LegacyMasterKey_Denied()
    {
        var result = Harness.Run("Pod", Pod("""[{"key":"node-role.kubernetes.io/master","operator":"Exists","effect":"NoSchedule"}]"""));

        result.Allowed.ShouldBeFalse();
        result.Findings.ShouldHaveSingleItem().Message.ShouldContain("legacy control-plane taint node-role.kubernetes.io/master:NoSchedule");
    }

    [Theory]
    [InlineData("""[{"key":"node-role.kubernetes.io/control-plane","operator":"Exists","effect":"NoExecute"}]""")]
    [InlineData("""[{"operator":"Exists","effect":"NoExecute"}]""")]
    [InlineData("""[{"key":"node-role.kubernetes.io/control-plane","operator":"Exists","effect":"PreferNoSchedule"}]""")]
    public void Evaluate_EffectOtherThanTheTaints_Passes(string tolerations)
    {
        // The configured taint is NoSchedule; a toleration for another effect does not lift it, so the
        // scheduler still keeps the pod off control-plane nodes.
        var result = Harness.Run("Pod", Pod(tolerations));

        result.Findings.ShouldBeEmpty();
    }

    [Fact]
    public void Evaluate_EffectMatchesConfiguredNoExecuteTaint_Denied()
    {
        var config = new NetguardConfig();
        config.ControlPlane.Taint.Effect = "NoExecute";
        var harness = new RuleHarness(new ControlPlaneTolerationRule()) { Config = config };

        var result = harness.Run("Pod", Pod("""[{"key":"node-role.kubernetes.io/control-plane","operator":"Exists","effect":"NoExecute"}]"""));

        result.Allowed.ShouldBeFalse();
    }

    [Fact]
    public void Evaluate_EqualWithEmptyValue_DeniedBecauseTaintValueIsEmpty()
    {
        // Operator defaults to Equal; the kubeadm taint has no value, so an empty value matches it.
        var result = Harness.Run("Pod", Pod("""[{"key":"node-role.kubernetes.io/control-plane","effect":"NoSchedule"}]"""));

        result.Allowed.ShouldBeFalse();
    }

    [Fact]
    public void Evaluate_EqualWithOtherValue_Passes()
    {
        var result = Harness.Run("Pod", Pod("""[{"key":"node-role.kubernetes.io/control-plane","operator":"Equal","value":"true","effect":"NoSchedule"}]"""));

        result.Findings.ShouldBeEmpty();
    }

    [Fact]
    public void Evaluate_UnrelatedToleration_Passes()
    {
        var result = Harness.Run("Pod", Pod("""[{"key":"node.kubernetes.io/not-ready","operator":"Exists","effect":"NoExecute","tolerationSeconds":300}]"""));

        result.Findings.ShouldBeEmpty();
    }

    [Fact]
    public void Evaluate_DaemonSetOwnedPod_Passes()
    {
        var result = Harness.Run("Pod", Pod("""[{"operator":"Exists"}]""", owner: DaemonSetOwner));

        result.Findings.ShouldBeEmpty();
    }

    [Fact]
    public void Evaluate_DaemonSetOwnedPodWhenDaemonSetsNotAllowed_Denied()
    {
        var config = new NetguardConfig();
        config.ControlPlane.AllowDaemonSets = false;
        var harness = new RuleHarness(new ControlPlaneTolerationRule()) { Config = config };

        var result = harness.Run("Pod", Pod("""[{"operator":"Exists"}]""", owner: DaemonSetOwner));

        result.Allowed.ShouldBeFalse();
    }

    [Fact]
    public void Evaluate_DaemonSetOwnerReferenceWithoutController_Denied()
    {
        var owner = ""","ownerReferences":[{"apiVersion":"apps/v1","kind":"DaemonSet","name":"ds","uid":"1"}]""";

        var result = Harness.Run("Pod", Pod("""[{"operator":"Exists"}]""", owner: owner));

        result.Allowed.ShouldBeFalse();
    }

    [Fact]
    public void Evaluate_UpdateKeepingExistingToleration_Passes()
    {
        var tolerations = """[{"key":"node-role.kubernetes.io/control-plane","operator":"Exists","effect":"NoSchedule"}]""";

        var result = Harness.Run("Pod", Pod(tolerations), AdmissionOperation.Update, oldJson: Pod(tolerations));

        result.Findings.ShouldBeEmpty();
    }

    [Fact]
    public void Evaluate_UpdateAddingToleration_DeniedNamingTheNewIndex()
    {
        var old = """[{"key":"example.com/gpu","operator":"Exists"}]""";
        var updated = """[{"key":"example.com/gpu","operator":"Exists"},{"key":"node-role.kubernetes.io/control-plane","operator":"Exists"}]""";

        var result = Harness.Run("Pod", Pod(updated), AdmissionOperation.Update, oldJson: Pod(old));

        result.Findings.ShouldHaveSingleItem().Message.ShouldStartWith("toleration[1] ");
    }

    [Fact]
    public void Evaluate_ActionWarn_WarnsAndAllows()
    {
        var config = new NetguardConfig { Rules = { ["control-plane-toleration"] = RuleAction.Warn } };
        var harness = new RuleHarness(new ControlPlaneTolerationRule()) { Config = config };

        var result = harness.Run("Pod", Pod("""[{"operator":"Exists"}]"""));

        result.Allowed.ShouldBeTrue();
        result.Findings.ShouldHaveSingleItem().Action.ShouldBe(FindingAction.Warn);
    }

    [Fact]
    public void Evaluate_ActionOff_Silent()
    {
        var config = new NetguardConfig { Rules = { ["control-plane-toleration"] = RuleAction.Off } };
        var harness = new RuleHarness(new ControlPlaneTolerationRule()) { Config = config };

        harness.Run("Pod", Pod("""[{"operator":"Exists"}]""")).Findings.ShouldBeEmpty();
    }
}
