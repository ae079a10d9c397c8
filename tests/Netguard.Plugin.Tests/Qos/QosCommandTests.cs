using System.Text.Json.Nodes;
using Netguard.Core.Kube.Resources;
using Netguard.Plugin.Tests.Audit;

namespace Netguard.Plugin.Tests.Qos;

/// <summary>`qos classes|get|set` against the seeded fake API server (Audit/testdata/cluster).</summary>
public sealed class QosCommandTests : IAsyncLifetime
{
    private const string DefaultConfigNote = "note: ConfigMap netguard-system/netguard-config not found; using the built-in default config\n";
    private const string MergePatch = "application/merge-patch+json";

    private LiveCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await LiveCluster.StartAsync();

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task Classes_DefaultConfig_RatesResolvedForTheLinkRate()
    {
        var result = await _cluster.RunAsync(["qos", "classes"]);

        result.ExitCode.ShouldBe(0);
        Golden.ShouldMatch(result.Stdout, "classes.txt");
        result.Stderr.ShouldBe(DefaultConfigNote + "note: rates resolved for qos.linkRate 1gbit; each agent uses its node's link speed when it can read it\n");
    }

    [Fact]
    public async Task Classes_ConfigFile_JsonWithoutAskingTheCluster()
    {
        var config = _cluster.WriteFile("qos.yaml", """
            qos:
              linkRate: 10gbit
              defaultClass: normal
              classes:
              - {name: critical, priority: 0, rate: 500mbit, ceil: 2gbit, dscp: EF}
              - {name: normal, priority: 3, rate: 50%, ceil: 100%}
              assignments: []
              requests:
              - {class: critical, namespaces: [payments, shop]}
            """);

        var result = await _cluster.RunAsync(["qos", "classes", "--config", config, "-o", "json"]);

        result.ExitCode.ShouldBe(0);
        Golden.ShouldMatch(result.Stdout, "classes-custom.json");
        _cluster.Server.Requests.ShouldBeEmpty();
    }

    [Fact]
    public async Task Get_Namespace_PodsWithTheirClassAndSource()
    {
        var result = await _cluster.RunAsync(["qos", "get", "-n", "shop"]);

        result.ExitCode.ShouldBe(0);
        result.Stdout.ShouldBe(
            "NAME                      CLASS           SOURCE\n" +
            "pod/batch-1               control-plane   requested\n" +
            "pod/node-debugger         standard        default\n" +
            "pod/web-7d4b9c6f5-2xkqp   standard        default\n" +
            "pod/web-7d4b9c6f5-9mzlw   standard        default\n");
        result.Stderr.ShouldBe(DefaultConfigNote);
    }

    [Fact]
    public async Task Get_AllNamespacesWide_MarksUnstampedAndUnknownClasses()
    {
        var result = await _cluster.RunAsync(["qos", "get", "-A", "-o", "wide"]);

        result.ExitCode.ShouldBe(0);
        Golden.ShouldMatch(result.Stdout, "get-all-wide.txt");
        result.Stderr.ShouldBe(DefaultConfigNote
            + "* no netguard.io/qos-class annotation: shown is the class the webhook would stamp\n"
            + "! not a configured class: the webhook denies new pods with it (qos-class-unknown) and the agent shapes running ones as standard, the default class\n");
    }

    [Fact]
    public async Task Get_ContextNamespaceJson_ClassSourceAndWhetherItIsKnown()
    {
        var result = await _cluster.RunAsync(["qos", "get", "-o", "json"], ns: "payments");

        result.ExitCode.ShouldBe(0);
        Golden.ShouldMatch(result.Stdout, "get-payments.json");
    }

    [Fact]
    public async Task Get_Deployment_TemplateThenItsPodsThroughItsReplicaSets()
    {
        var result = await _cluster.RunAsync(["qos", "get", "deployment/web", "-n", "shop"]);

        result.ExitCode.ShouldBe(0);
        Golden.ShouldMatch(result.Stdout, "get-deployment.txt");
    }

    [Fact]
    public async Task Get_CronJob_TemplateThenThePodsOfItsJobs()
    {
        var result = await _cluster.RunAsync(["qos", "get", "cj/nightly", "-n", "payments", "-o", "json"]);

        result.ExitCode.ShouldBe(0);
        var items = JsonNode.Parse(result.Stdout)!["items"]!.AsArray();
        items.Select(i => $"{i!["kind"]}/{i["name"]} {i["class"]} {i["source"]} {i["annotated"]}").ShouldBe(
        [
            "CronJob/nightly standard default false",
            "Pod/nightly-28000000-fq9zt standard default true",
        ]);
    }

    [Fact]
    public async Task Get_UnknownPod_ExitsTwo()
    {
        var result = await _cluster.RunAsync(["qos", "get", "pod/nope", "-n", "shop"]);

        result.ExitCode.ShouldBe(2);
        result.Stderr.ShouldEndWith("error: pod/nope not found in namespace shop\n");
    }

    [Theory]
    [InlineData("service/web", "error: \"service/web\": unknown type \"service\" (want pod, deployment, statefulset, daemonset, replicaset, job or cronjob)\n")]
    [InlineData("web", "error: \"web\": want TYPE/NAME, e.g. pod/web-1 or deployment/web\n")]
    public async Task Get_BadTarget_ExitsTwoBeforeAskingTheCluster(string target, string error)
    {
        var result = await _cluster.RunAsync(["qos", "get", target]);

        result.ExitCode.ShouldBe(2);
        result.Stderr.ShouldBe(error);
        _cluster.Server.Requests.ShouldBeEmpty();
    }

    [Fact]
    public async Task Set_Pod_MergePatchesItsAnnotations()
    {
        var result = await _cluster.RunAsync(["qos", "set", "bulk", "pod/web-7d4b9c6f5-2xkqp", "-n", "shop"]);

        result.ExitCode.ShouldBe(0);
        result.Stdout.ShouldBe("pod/web-7d4b9c6f5-2xkqp: netguard.io/qos-class=bulk\n");
        result.Stderr.ShouldBe(DefaultConfigNote + "note: the agent on the pod's node reshapes it; pods that replace it take their class from ReplicaSet/web-7d4b9c6f5's template\n");
        var patch = _cluster.Patches.ShouldHaveSingleItem();
        patch.Path.ShouldBe("/api/v1/namespaces/shop/pods/web-7d4b9c6f5-2xkqp");
        patch.Header("Content-Type").ShouldBe(MergePatch);
        patch.Body.ShouldBe("""{"metadata":{"annotations":{"netguard.io/qos-class":"bulk","netguard.io/qos-source":"requested"}}}""");
        _cluster.Server.Get(KubeResource.Pods, "shop", "web-7d4b9c6f5-2xkqp")!["metadata"]!["annotations"]!.ToJsonString()
            .ShouldBe("""{"netguard.io/qos-class":"bulk","netguard.io/qos-source":"requested"}""");
    }

    [Fact]
    public async Task Set_Deployment_PatchesThePodTemplateOnly()
    {
        var result = await _cluster.RunAsync(["qos", "set", "latency-sensitive", "deploy/web"], ns: "shop");

        result.ExitCode.ShouldBe(0);
        result.Stdout.ShouldBe("deployment.apps/web: netguard.io/qos-class=latency-sensitive\n");
        result.Stderr.ShouldEndWith("note: the Deployment rolls out new pods with the class\n");
        var patch = _cluster.Patches.ShouldHaveSingleItem();
        patch.Path.ShouldBe("/apis/apps/v1/namespaces/shop/deployments/web");
        patch.Body.ShouldBe("""{"spec":{"template":{"metadata":{"annotations":{"netguard.io/qos-class":"latency-sensitive","netguard.io/qos-source":"requested"}}}}}""");
        var template = _cluster.Server.Get(KubeResource.Deployments, "shop", "web")!["spec"]!["template"]!["metadata"]!;
        template["labels"]!.ToJsonString().ShouldBe("""{"app.kubernetes.io/name":"web"}""");
        template["annotations"]!["netguard.io/qos-class"]!.GetValue<string>().ShouldBe("latency-sensitive");
    }

    [Fact]
    public async Task Set_CronJob_PatchesTheJobTemplatesPodTemplate()
    {
        var result = await _cluster.RunAsync(["qos", "set", "bulk", "cronjob/nightly", "-n", "payments"]);

        result.ExitCode.ShouldBe(0);
        _cluster.Patches.ShouldHaveSingleItem().Body.ShouldBe(
            """{"spec":{"jobTemplate":{"spec":{"template":{"metadata":{"annotations":{"netguard.io/qos-class":"bulk","netguard.io/qos-source":"requested"}}}}}}}""");
    }

    [Fact]
    public async Task Set_UnknownClass_ExitsTwoWithoutPatching()
    {
        var result = await _cluster.RunAsync(["qos", "set", "gold", "pod/batch-1", "-n", "shop"]);

        result.ExitCode.ShouldBe(2);
        result.Stderr.ShouldBe(DefaultConfigNote + "error: unknown QoS class \"gold\" (classes: control-plane, latency-sensitive, standard, bulk)\n");
        _cluster.Patches.ShouldBeEmpty();
    }

    [Fact]
    public async Task Set_SameClass_UnchangedWithoutPatching()
    {
        var result = await _cluster.RunAsync(["qos", "set", "standard", "pod/node-debugger", "-n", "shop"]);

        result.ExitCode.ShouldBe(0);
        result.Stdout.ShouldBe("pod/node-debugger unchanged (netguard.io/qos-class is already standard)\n");
        _cluster.Patches.ShouldBeEmpty();
    }

    [Fact]
    public async Task Set_ClassNotGranted_WarnsAndLeavesTheDecisionToTheWebhook()
    {
        // The webhook's validating configuration answers the UPDATE the patch causes with its denial.
        const string denial = "admission webhook \"validate.netguard.io\" denied the request: [qos-class-forbidden] QoS class control-plane is not granted to pods in namespace shop (see qos.requests)";
        _cluster.Server.Fail("/api/v1/namespaces/shop/pods/node-debugger", 403, "Forbidden", denial, method: "PATCH");

        var result = await _cluster.RunAsync(["qos", "set", "control-plane", "pod/node-debugger", "-n", "shop"]);

        result.ExitCode.ShouldBe(3);
        result.Stdout.ShouldBeEmpty();
        result.Stderr.ShouldBe(DefaultConfigNote
            + "warning: this config grants class control-plane to no pod like this in namespace shop (qos.requests, qos.assignments): the webhook's qos-class-forbidden rule will deny it\n"
            + $"error: {denial}\n");
        _cluster.Patches.ShouldHaveSingleItem();
    }

    [Fact]
    public async Task Set_Missing_ExitsTwo()
    {
        var result = await _cluster.RunAsync(["qos", "set", "bulk", "statefulset/nope", "-n", "payments"]);

        result.ExitCode.ShouldBe(2);
        result.Stderr.ShouldEndWith("error: statefulset.apps/nope not found in namespace payments\n");
        _cluster.Patches.ShouldBeEmpty();
    }
}
