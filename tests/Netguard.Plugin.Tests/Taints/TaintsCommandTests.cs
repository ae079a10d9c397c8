using System.Text.Json.Nodes;
using Netguard.Core.Kube.Resources;
using Netguard.Plugin.Tests.Audit;

namespace Netguard.Plugin.Tests.Taints;

/// <summary>
/// `taints [--fix]` against the seeded fake API server: cp-1 is tainted, cp-2 lost the taint (it keeps an
/// example.com/maintenance taint) and runs shop/node-debugger; cp-1's kube-system and DaemonSet pods are allowed.
/// </summary>
public sealed class TaintsCommandTests : IAsyncLifetime
{
    private const string DefaultConfigNote = "note: ConfigMap netguard-system/netguard-config not found; using the built-in default config\n";
    private const string Untainted = "1 control-plane node without the taint node-role.kubernetes.io/control-plane:NoSchedule";
    private const string BusinessPod = "1 business pod on control-plane nodes; a NoSchedule taint does not evict them: move them off (e.g. delete them so their controllers reschedule them)\n";

    private LiveCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await LiveCluster.StartAsync();

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task Taints_Table_NodesTaintAndBusinessPods()
    {
        var result = await _cluster.RunAsync(["taints"]);

        result.ExitCode.ShouldBe(1);
        result.Stdout.ShouldBe(
            "NODE   TAINTED   BUSINESS PODS\n" +
            "cp-1   yes       -\n" +
            "cp-2   no        1: shop/node-debugger\n");
        result.Stderr.ShouldBe(DefaultConfigNote + Untainted + "; --fix adds it\n" + BusinessPod);
        _cluster.Patches.ShouldBeEmpty();
    }

    [Fact]
    public async Task Taints_Json_Shape()
    {
        var result = await _cluster.RunAsync(["taints", "-o", "json"]);

        result.ExitCode.ShouldBe(1);
        Golden.ShouldMatch(result.Stdout, "taints.json");
    }

    [Fact]
    public async Task Fix_AppendsTheTaintGuardedByResourceVersionAndKeepsOtherTaints()
    {
        var version = _cluster.Server.Get(KubeResource.Nodes, null, "cp-2")!["metadata"]!["resourceVersion"]!.GetValue<string>();

        var result = await _cluster.RunAsync(["taints", "--fix"]);

        var patch = _cluster.Patches.ShouldHaveSingleItem();
        patch.Path.ShouldBe("/api/v1/nodes/cp-2");
        patch.Header("Content-Type").ShouldBe("application/json-patch+json");
        patch.Body.ShouldBe("""[{"op":"test","path":"/metadata/resourceVersion","value":"VERSION"},{"op":"add","path":"/spec/taints/-","value":{"key":"node-role.kubernetes.io/control-plane","effect":"NoSchedule"}}]""".Replace("VERSION", version, StringComparison.Ordinal));
        _cluster.Server.Get(KubeResource.Nodes, null, "cp-2")!["spec"]!["taints"]!.ToJsonString().ShouldBe(
            """[{"key":"example.com/maintenance","value":"true","effect":"NoExecute"},{"key":"node-role.kubernetes.io/control-plane","effect":"NoSchedule"}]""");
        result.Stdout.ShouldBe(
            "NODE   TAINTED   BUSINESS PODS\n" +
            "cp-1   yes       -\n" +
            "cp-2   added     1: shop/node-debugger\n");

        // The taint does not move the pod already there, so something is still wrong.
        result.ExitCode.ShouldBe(1);
        result.Stderr.ShouldBe(DefaultConfigNote + "node/cp-2: added taint node-role.kubernetes.io/control-plane:NoSchedule\n" + BusinessPod);
    }

    [Fact]
    public async Task Fix_Twice_SecondRunChangesNothing()
    {
        _cluster.Server.Remove(KubeResource.Pods, "shop", "node-debugger");
        var first = await _cluster.RunAsync(["taints", "--fix"]);

        var second = await _cluster.RunAsync(["taints", "--fix", "-o", "json"]);

        first.ExitCode.ShouldBe(0);
        second.ExitCode.ShouldBe(0);
        _cluster.Patches.Count.ShouldBe(1);
        JsonNode.Parse(second.Stdout)!["summary"]!.ToJsonString().ShouldBe("""{"controlPlaneNodes":2,"untainted":0,"fixed":0,"businessPods":0}""");
        second.Stderr.ShouldBe(DefaultConfigNote);
    }

    [Fact]
    public async Task Fix_NodeChangedBetweenReadAndPatch_ReadsAgainAndRetries()
    {
        // What the API server answers when the patch's test of metadata.resourceVersion fails.
        _cluster.Server.Fail("/api/v1/nodes/cp-2", 422, "Invalid", "the server rejected our request due to an error in our request", method: "PATCH");

        var result = await _cluster.RunAsync(["taints", "--fix", "-o", "json"]);

        _cluster.Patches.Count.ShouldBe(2);
        _cluster.Server.Requests.ShouldContain(r => r.Method == "GET" && r.Path == "/api/v1/nodes/cp-2");
        JsonNode.Parse(result.Stdout)!["nodes"]![1]!["fixed"]!.GetValue<bool>().ShouldBeTrue();
        _cluster.Server.Get(KubeResource.Nodes, null, "cp-2")!["spec"]!["taints"]!.AsArray().Count.ShouldBe(2);
    }

    [Fact]
    public async Task Fix_NodeWithoutTaintList_CreatesIt()
    {
        _cluster.Upsert(JsonNode.Parse("""{"apiVersion":"v1","kind":"Node","metadata":{"name":"cp-3","labels":{"node-role.kubernetes.io/control-plane":""}},"spec":{"podCIDR":"10.244.9.0/24"}}""")!.AsObject());

        var result = await _cluster.RunAsync(["taints", "--fix"]);

        _cluster.Patches.Select(p => p.Path).ShouldBe(["/api/v1/nodes/cp-2", "/api/v1/nodes/cp-3"]);
        _cluster.Patches[1].Body.ShouldEndWith("""{"op":"add","path":"/spec/taints","value":[{"key":"node-role.kubernetes.io/control-plane","effect":"NoSchedule"}]}]""");
        _cluster.Server.Get(KubeResource.Nodes, null, "cp-3")!["spec"]!.ToJsonString()
            .ShouldBe("""{"podCIDR":"10.244.9.0/24","taints":[{"key":"node-role.kubernetes.io/control-plane","effect":"NoSchedule"}]}""");
        result.ExitCode.ShouldBe(1);
    }

    [Fact]
    public async Task Fix_PatchForbidden_ExitsThree()
    {
        _cluster.Server.Fail("/api/v1/nodes/cp-2", 403, "Forbidden", "nodes \"cp-2\" is forbidden: User \"dev\" cannot patch resource \"nodes\" in API group \"\" at the cluster scope", method: "PATCH");

        var result = await _cluster.RunAsync(["taints", "--fix"]);

        result.ExitCode.ShouldBe(3);
        result.Stderr.ShouldEndWith("error: nodes \"cp-2\" is forbidden: User \"dev\" cannot patch resource \"nodes\" in API group \"\" at the cluster scope\n");
    }

    [Fact]
    public async Task Taints_ConfiguredSelectorAndTaint_UsedForNodesAndPatch()
    {
        var config = _cluster.WriteFile("config.yaml", """
            controlPlane:
              nodeSelector: {kubernetes.io/hostname: worker-1}
              taint: {key: dedicated, value: infra, effect: NoSchedule}
            """);

        var result = await _cluster.RunAsync(["taints", "--config", config, "--fix", "-o", "json"]);

        var patch = _cluster.Patches.ShouldHaveSingleItem();
        patch.Path.ShouldBe("/api/v1/nodes/worker-1");
        patch.Body.ShouldEndWith("""{"op":"add","path":"/spec/taints","value":[{"key":"dedicated","value":"infra","effect":"NoSchedule"}]}]""");

        // worker-1 runs payments/legacy-0, web-7d4b9c6f5-2xkqp and the finished nightly pod (not counted).
        var node = JsonNode.Parse(result.Stdout)!["nodes"]!.AsArray().ShouldHaveSingleItem()!;
        node["businessPods"]!.AsArray().Select(p => $"{p!["namespace"]}/{p["name"]}").ShouldBe(["payments/legacy-0", "shop/web-7d4b9c6f5-2xkqp"]);
        result.ExitCode.ShouldBe(1);
    }

    [Fact]
    public async Task Taints_NoControlPlaneNodes_SaysSoAndExitsZero()
    {
        var config = _cluster.WriteFile("config.yaml", "controlPlane: {nodeSelector: {node-role.kubernetes.io/master: \"\"}}\n");

        var result = await _cluster.RunAsync(["taints", "--config", config]);

        result.ExitCode.ShouldBe(0);
        result.Stdout.ShouldBeEmpty();
        result.Stderr.ShouldBe("note: using the config from " + config + "\nNo node matches controlPlane.nodeSelector {node-role.kubernetes.io/master}.\n");
    }
}
