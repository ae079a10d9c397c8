using Netguard.Core.Cluster;
using Netguard.Core.Config;
using Netguard.Core.Rules.ControlPlane;

namespace Netguard.Core.Tests.Rules.ControlPlane;

public class ControlPlanePinningRuleTests
{
    private static readonly RuleHarness Offline = new(new ControlPlanePinningRule());

    private static readonly RuleHarness WithNodes = new(new ControlPlanePinningRule())
    {
        Cluster = ClusterSnapshot.Create(nodes: RuleHarness.KubeadmNodes().ToList()),
    };

    private static string Pod(string specFields, string ns = "shop", string owner = "") => $$$"""
        {"apiVersion":"v1","kind":"Pod","metadata":{"name":"p","namespace":"{{{ns}}}"{{{owner}}}},
         "spec":{"containers":[{"name":"c","image":"nginx"}],{{{specFields}}}}}
        """;

    private static string Required(string terms) =>
        "\"affinity\":{\"nodeAffinity\":{\"requiredDuringSchedulingIgnoredDuringExecution\":{\"nodeSelectorTerms\":" + terms + "}}}";

    [Fact]
    public void Evaluate_NodeNameOfControlPlaneNode_Denied()
    {
        var result = WithNodes.Run("Pod", Pod("\"nodeName\":\"cp-1\""));

        result.Allowed.ShouldBeFalse();
        result.Findings.ShouldHaveSingleItem().Message.ShouldBe("spec.nodeName puts the pod on control-plane node cp-1");
    }

    [Fact]
    public void Evaluate_NodeNameOfWorker_Passes()
    {
        WithNodes.Run("Pod", Pod("\"nodeName\":\"worker-1\"")).Findings.ShouldBeEmpty();
    }

    [Fact]
    public void Evaluate_NodeNameWithoutKnownNodes_Passes()
    {
        // Nothing says cp-1 is a control-plane node when no node is known.
        Offline.Run("Pod", Pod("\"nodeName\":\"cp-1\"")).Findings.ShouldBeEmpty();
    }

    [Fact]
    public void Evaluate_NodeSelectorOnControlPlaneRoleWithoutNodes_DeniedStructurally()
    {
        var result = Offline.Run("Pod", Pod("""
            "nodeSelector":{"node-role.kubernetes.io/control-plane":""}
            """));

        result.Allowed.ShouldBeFalse();
        result.Findings.ShouldHaveSingleItem().Message.ShouldBe("nodeSelector requires the control-plane node label node-role.kubernetes.io/control-plane");
    }

    [Theory]
    [InlineData("""[{"matchExpressions":[{"key":"node-role.kubernetes.io/control-plane","operator":"In","values":[""]}]}]""")]
    [InlineData("""[{"matchExpressions":[{"key":"node-role.kubernetes.io/control-plane","operator":"Exists"}]}]""")]
    [InlineData("""[{"matchExpressions":[{"key":"node-role.kubernetes.io/control-plane","operator":"Exists"},{"key":"kubernetes.io/arch","operator":"In","values":["amd64"]}]}]""")]
    public void Evaluate_RequiredAffinityOnlyControlPlaneWithoutNodes_DeniedStructurally(string terms)
    {
        var result = Offline.Run("Pod", Pod(Required(terms)));

        result.Allowed.ShouldBeFalse();
        result.Findings.ShouldHaveSingleItem().Message.ShouldStartWith("required nodeAffinity requires");
    }

    [Theory]
    // Terms are ORed: a second term that workers satisfy means the pod is not pinned.
    [InlineData("""[{"matchExpressions":[{"key":"node-role.kubernetes.io/control-plane","operator":"Exists"}]},{"matchExpressions":[{"key":"disk","operator":"In","values":["ssd"]}]}]""")]
    // In with a value other than the control-plane one lets other nodes in.
    [InlineData("""[{"matchExpressions":[{"key":"node-role.kubernetes.io/control-plane","operator":"In","values":["","no"]}]}]""")]
    [InlineData("""[{"matchExpressions":[{"key":"node-role.kubernetes.io/control-plane","operator":"DoesNotExist"}]}]""")]
    [InlineData("""[{"matchExpressions":[{"key":"node-role.kubernetes.io/control-plane","operator":"NotIn","values":[""]}]}]""")]
    public void Evaluate_RequiredAffinityNotOnlyControlPlaneWithoutNodes_Passes(string terms)
    {
        Offline.Run("Pod", Pod(Required(terms))).Findings.ShouldBeEmpty();
    }

    [Fact]
    public void Evaluate_HostnameSelectorOfControlPlaneNodeWithKnownNodes_Denied()
    {
        var result = WithNodes.Run("Pod", Pod("""
            "nodeSelector":{"kubernetes.io/hostname":"cp-1"}
            """));

        result.Allowed.ShouldBeFalse();
        result.Findings.ShouldHaveSingleItem().Message.ShouldBe("nodeSelector matches only control-plane nodes: cp-1");
    }

    [Fact]
    public void Evaluate_HostnameSelectorWithoutNodes_Passes()
    {
        // Structurally a hostname says nothing about the node's role.
        Offline.Run("Pod", Pod("""
            "nodeSelector":{"kubernetes.io/hostname":"cp-1"}
            """)).Findings.ShouldBeEmpty();
    }

    [Fact]
    public void Evaluate_SelectorMatchingWorker_Passes()
    {
        WithNodes.Run("Pod", Pod("""
            "nodeSelector":{"disk":"ssd"}
            """)).Findings.ShouldBeEmpty();
    }

    [Fact]
    public void Evaluate_OnlyControlPlaneNodesKnown_FallsBackToStructural()
    {
        // A single-node cluster: every constraint "only matches control-plane nodes"; that is not pinning.
        var harness = new RuleHarness(new ControlPlanePinningRule())
        {
            Cluster = ClusterSnapshot.Create(nodes: [RuleHarness.KubeadmNodes()[0]]),
        };

        harness.Run("Pod", Pod("""
            "nodeSelector":{"kubernetes.io/hostname":"cp-1"}
            """)).Findings.ShouldBeEmpty();
        harness.Run("Pod", Pod("""
            "nodeSelector":{"node-role.kubernetes.io/control-plane":""}
            """)).Allowed.ShouldBeFalse();
    }

    [Fact]
    public void Evaluate_KnownNodesNoneSatisfying_FallsBackToStructural()
    {
        var result = WithNodes.Run("Pod", Pod("""
            "nodeSelector":{"node-role.kubernetes.io/control-plane":"","topology.kubernetes.io/zone":"nowhere"}
            """));

        result.Allowed.ShouldBeFalse();
        result.Findings.ShouldHaveSingleItem().Message.ShouldContain("requires the control-plane node label");
    }

    [Fact]
    public void Evaluate_MatchFieldsOnControlPlaneNodeName_Denied()
    {
        var result = WithNodes.Run("Pod", Pod(Required("""
            [{"matchFields":[{"key":"metadata.name","operator":"In","values":["cp-1"]}]}]
            """)));

        result.Findings.ShouldHaveSingleItem().Message.ShouldBe("required nodeAffinity matches only control-plane nodes: cp-1");
    }

    [Fact]
    public void Evaluate_DaemonSetPodPinnedByItsController_Passes()
    {
        // The DaemonSet controller pins each pod to its node with matchFields metadata.name.
        var owner = ""","ownerReferences":[{"apiVersion":"apps/v1","kind":"DaemonSet","name":"ds","uid":"1","controller":true}]""";

        var result = WithNodes.Run("Pod", Pod(Required("""
            [{"matchFields":[{"key":"metadata.name","operator":"In","values":["cp-1"]}]}]
            """), owner: owner));

        result.Findings.ShouldBeEmpty();
    }

    [Fact]
    public void Evaluate_AllowedNamespace_Passes()
    {
        WithNodes.Run("Pod", Pod("\"nodeName\":\"cp-1\"", ns: "kube-system")).Findings.ShouldBeEmpty();
    }

    [Fact]
    public void Evaluate_ValuedControlPlaneSelector_ExistsIsNotEnough()
    {
        // With a valued label (node-type=master), Exists also admits node-type=worker nodes.
        var config = new NetguardConfig();
        config.ControlPlane.NodeSelector = new(StringComparer.Ordinal) { ["node-type"] = "master" };
        var harness = new RuleHarness(new ControlPlanePinningRule()) { Config = config };

        harness.Run("Pod", Pod(Required("""
            [{"matchExpressions":[{"key":"node-type","operator":"Exists"}]}]
            """))).Findings.ShouldBeEmpty();
        harness.Run("Pod", Pod(Required("""
            [{"matchExpressions":[{"key":"node-type","operator":"In","values":["master"]}]}]
            """))).Findings.ShouldHaveSingleItem().Message.ShouldBe("required nodeAffinity requires the control-plane node label node-type=master");
    }

    [Fact]
    public void Evaluate_Update_NotJudged()
    {
        // nodeName is immutable after creation; the rule is for Pod CREATE (and audit).
        var pod = Pod("\"nodeName\":\"cp-1\"");

        WithNodes.Run("Pod", pod, Netguard.Core.Admission.AdmissionOperation.Update, oldJson: pod).Findings.ShouldBeEmpty();
    }
}
