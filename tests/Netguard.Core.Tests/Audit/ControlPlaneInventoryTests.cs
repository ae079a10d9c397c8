using Netguard.Core.Audit;
using Netguard.Core.Config;
using Netguard.Core.Kube.Models;
using Netguard.Core.Tests.Rules;

namespace Netguard.Core.Tests.Audit;

public class ControlPlaneInventoryTests
{
    private static readonly ControlPlaneConfig Config = new();

    private static readonly Node[] Nodes =
    [
        RuleHarness.Node("""{"metadata":{"name":"cp-2","labels":{"node-role.kubernetes.io/control-plane":""}},"spec":{"taints":[{"key":"node-role.kubernetes.io/control-plane","effect":"NoExecute"}]}}"""),
        RuleHarness.Node("""{"metadata":{"name":"cp-1","labels":{"node-role.kubernetes.io/control-plane":""}},"spec":{"taints":[{"key":"node-role.kubernetes.io/control-plane","value":"x","effect":"NoSchedule"}]}}"""),
        RuleHarness.Node("""{"metadata":{"name":"worker-1","labels":{"node-role.kubernetes.io/worker":""}}}"""),
    ];

    private static Pod Pod(string ns, string name, string node, string phase = "Running", string owner = "")
    {
        var owners = owner.Length == 0 ? "" : ",\"ownerReferences\":[{\"kind\":\"" + owner + "\",\"name\":\"o\",\"controller\":true}]";
        return RuleHarness.Pod("{\"metadata\":{\"name\":\"" + name + "\",\"namespace\":\"" + ns + "\"" + owners + "},"
            + "\"spec\":{\"nodeName\":\"" + node + "\"},\"status\":{\"phase\":\"" + phase + "\"}}");
    }

    [Fact]
    public void Take_ControlPlaneNodesByName_TaintJudgedByKeyAndEffect()
    {
        var nodes = ControlPlaneInventory.Take(Nodes, [], Config);

        // cp-1's taint has a value, but the API server allows one taint per key and effect: it is the taint.
        // cp-2's taint has the key with the wrong effect: NoExecute does not keep pods from being scheduled.
        nodes.Select(n => (n.Name, n.Tainted)).ShouldBe([("cp-1", true), ("cp-2", false)]);
    }

    [Fact]
    public void Take_BusinessPods_RunningOutsideAllowedNamespacesAndNotDaemonSetPods()
    {
        Pod[] pods =
        [
            Pod("shop", "web-b", "cp-1"),
            Pod("shop", "web-a", "cp-1"),
            Pod("kube-system", "coredns", "cp-1"),
            Pod("monitoring", "agent", "cp-1", owner: "DaemonSet"),
            Pod("shop", "done", "cp-1", phase: "Succeeded"),
            Pod("shop", "api", "worker-1"),
            Pod("payments", "static", "cp-2", owner: "Node"),
        ];

        var nodes = ControlPlaneInventory.Take(Nodes, pods, Config);

        nodes[0].BusinessPods.Select(p => p.Metadata.Name).ShouldBe(["web-a", "web-b"]);
        nodes[1].BusinessPods.Select(p => p.Metadata.Name).ShouldBe(["static"]);
    }

    [Fact]
    public void Take_DaemonSetsNotAllowed_DaemonSetPodsAreBusinessPods()
    {
        var config = new ControlPlaneConfig { AllowDaemonSets = false };

        var nodes = ControlPlaneInventory.Take(Nodes, [Pod("monitoring", "agent", "cp-1", owner: "DaemonSet")], config);

        nodes[0].BusinessPods.ShouldHaveSingleItem().Metadata.Name.ShouldBe("agent");
    }

    [Fact]
    public void Take_EmptyNodeSelector_NoControlPlaneNodes() =>
        ControlPlaneInventory.Take(Nodes, [], new ControlPlaneConfig { NodeSelector = [] }).ShouldBeEmpty();
}
