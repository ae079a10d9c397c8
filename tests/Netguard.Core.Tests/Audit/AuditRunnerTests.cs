using System.Text.Json.Nodes;
using Netguard.Core.Admission;
using Netguard.Core.Audit;
using Netguard.Core.Check;
using Netguard.Core.Cluster;
using Netguard.Core.Config;
using Netguard.Core.Kube.Models;
using Netguard.Core.Rules;
using Netguard.Core.Tests.Rules;

namespace Netguard.Core.Tests.Audit;

public class AuditRunnerTests
{
    private static readonly AuditRunner Runner = new(BuiltInRules.CreateEngine());

    private const string ControlPlaneNode = """{"apiVersion":"v1","kind":"Node","metadata":{"name":"cp-1","labels":{"node-role.kubernetes.io/control-plane":""}},"spec":{}}""";
    private const string TaintedControlPlaneNode = """{"apiVersion":"v1","kind":"Node","metadata":{"name":"cp-0","labels":{"node-role.kubernetes.io/control-plane":""}},"spec":{"taints":[{"key":"node-role.kubernetes.io/control-plane","effect":"NoSchedule"}]}}""";
    private const string WorkerNode = """{"apiVersion":"v1","kind":"Node","metadata":{"name":"worker-1"},"spec":{}}""";

    private static JsonObject Pod(string name, string ns = "shop", string? annotations = null, string spec = """{"containers":[{"name":"c","image":"busybox"}]}""", string? extraMeta = null)
    {
        var meta = "\"name\":\"" + name + "\",\"namespace\":\"" + ns + "\"" + (annotations is null ? "" : ",\"annotations\":" + annotations) + (extraMeta ?? "");
        return RuleHarness.Parse("{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{" + meta + "},\"spec\":" + spec + ",\"status\":{\"phase\":\"Running\"}}");
    }

    /// <summary>The cluster the runner judges against: the objects themselves, typed.</summary>
    private static ClusterSnapshot Snapshot(IEnumerable<JsonObject> objects)
    {
        var typed = objects.Select(o => KubeObjectReader.Read(o["kind"]!.GetValue<string>(), o)).ToList();
        return ClusterSnapshot.Create(
            typed.OfType<Node>().ToList(),
            typed.OfType<Namespace>().ToList(),
            typed.OfType<Pod>().ToList(),
            typed.OfType<NetworkPolicy>().ToList());
    }

    private static AuditReport Run(NetguardConfig config, params JsonObject[] objects) => Runner.Run(objects, Snapshot(objects), config);

    private static AuditReport Run(params JsonObject[] objects) => Run(new NetguardConfig(), objects);

    [Fact]
    public void Run_PodWithoutClass_WarnsUnderQosClassWithTheWebhooksStampAsFix()
    {
        var report = Run(Pod("api"));

        var result = report.Objects.ShouldHaveSingleItem().Result;
        var finding = result.Findings.ShouldHaveSingleItem();
        finding.ShouldBe(new Finding("qos-class", FindingAction.Warn,
            "no netguard.io/qos-class annotation: the webhook did not stamp the pod (it would set standard, default)"));
        RuleHarness.At(result.MutatedObject, "/metadata/annotations")!.ToJsonString()
            .ShouldBe("""{"netguard.io/qos-class":"standard","netguard.io/qos-source":"default"}""");
        result.Allowed.ShouldBeTrue();
        report.Summary.ShouldBe(new CheckSummary(Objects: 1, Denied: 0, Warnings: 1, Mutated: 1));
    }

    [Fact]
    public void Run_PodWithoutClassThatAnAssignmentMatches_SaysWhichClassItMisses()
    {
        // Default assignment 1: netguard.io/workload=batch -> bulk.
        var pod = Pod("job", extraMeta: ""","labels":{"netguard.io/workload":"batch"}""");

        var finding = Run(pod).Objects.Single().Result.Findings.ShouldHaveSingleItem();

        finding.Message.ShouldBe("no netguard.io/qos-class annotation: the webhook did not stamp the pod (it would set bulk, assignment:1)");
    }

    [Fact]
    public void Run_PodWithoutClassWhereTheWebhookDoesNotAdmit_NoFinding()
    {
        // The shipped webhook configuration skips kube-system: its pods are never stamped, by design.
        var system = Pod("coredns", ns: "kube-system");
        var shop = Pod("api");

        var report = Runner.Run([system, shop], Snapshot([system, shop]), new NetguardConfig(), StampedNamespaces.Shipped());

        var coredns = report.Objects.Single(o => o.Result.Name == "coredns");
        coredns.Result.Findings.ShouldBeEmpty();
        coredns.Rules.ShouldNotContain("qos-class"); // not judged by it, so no report says it passed
        var api = report.Objects.Single(o => o.Result.Name == "api");
        api.Result.Findings.ShouldHaveSingleItem().Rule.ShouldBe("qos-class");
        api.Rules.ShouldContain("qos-class");
    }

    [Fact]
    public void Run_QosClassOff_PodWithoutClassIsNoFinding()
    {
        var config = NetguardConfigLoader.LoadOrThrow("rules: {qos-class: off}");

        Run(config, Pod("api")).Objects.Single().Result.Findings.ShouldBeEmpty();
    }

    [Fact]
    public void Run_StampedPodWithoutSource_SourceFixUpIsNoFinding()
    {
        // check would set netguard.io/qos-source; the class itself is there, so nothing is wrong with the pod.
        var report = Run(Pod("api", annotations: """{"netguard.io/qos-class":"standard"}"""));

        var result = report.Objects.Single().Result;
        result.Findings.ShouldBeEmpty();
        result.Patch.ShouldBeEmpty();
    }

    [Fact]
    public void Run_TopologyMutations_AreNoFindings()
    {
        // An unscheduled pod with app=web gets a topology spread constraint from the webhook (SPEC §5.2) — advice for new pods.
        var pod = Pod("web", annotations: """{"netguard.io/qos-class":"standard","netguard.io/qos-source":"default"}""", extraMeta: ""","labels":{"app":"web"}""");
        var check = new CheckRunner(BuiltInRules.CreateEngine()).Run([new CheckInput(pod, "x")], new NetguardConfig());
        check.Results.Single().Findings.ShouldContain(f => f.Rule == "topology-spread");

        var result = Run(pod).Objects.Single().Result;

        result.Findings.ShouldBeEmpty();
        result.Patch.ShouldBeEmpty();
    }

    [Fact]
    public void Run_ControlPlaneNodeWithoutTaint_DeniedWithTheTaintAsFix()
    {
        var report = Run(RuleHarness.Parse(ControlPlaneNode), RuleHarness.Parse(TaintedControlPlaneNode), RuleHarness.Parse(WorkerNode));

        report.Objects.Select(o => (o.Result.Name, o.HasFindings)).ShouldBe([("cp-0", false), ("cp-1", true), ("worker-1", false)]);
        var cp1 = report.Objects[1].Result;
        cp1.Findings.ShouldBe([new Finding("control-plane-taint", FindingAction.Deny,
            "control-plane node cp-1 lacks the taint node-role.kubernetes.io/control-plane:NoSchedule; `kubectl netguard taints --fix` adds it")]);
        RuleHarness.Ops(new AdmissionResult(cp1.Findings, cp1.Patch, cp1.MutatedObject))
            .ShouldBe(["add /spec/taints [{\"key\":\"node-role.kubernetes.io/control-plane\",\"effect\":\"NoSchedule\"}]"]);
        report.AnyDenied.ShouldBeTrue();
    }

    [Fact]
    public void Run_ControlPlaneTaintWarn_MissingTaintIsAWarning()
    {
        var config = NetguardConfigLoader.LoadOrThrow("rules: {control-plane-taint: warn}");

        var finding = Run(config, RuleHarness.Parse(ControlPlaneNode)).Objects.Single().Result.Findings.ShouldHaveSingleItem();

        finding.Action.ShouldBe(FindingAction.Warn);
    }

    [Fact]
    public void Run_BusinessPodOnControlPlaneNode_ReportedUnderPinning()
    {
        var pod = Pod("dbg", annotations: """{"netguard.io/qos-class":"standard","netguard.io/qos-source":"default"}""",
            spec: """{"nodeName":"cp-0","containers":[{"name":"c","image":"busybox"}]}""");

        var report = Run(RuleHarness.Parse(TaintedControlPlaneNode), RuleHarness.Parse(WorkerNode), pod);

        report.Objects.Single(o => o.Result.Kind == "Pod").Result.Findings
            .ShouldBe([new Finding("control-plane-pinning", FindingAction.Deny, "spec.nodeName puts the pod on control-plane node cp-0")]);
    }

    [Fact]
    public void Run_Deployment_JudgedThroughItsTemplateWithoutQosClassFinding()
    {
        var deployment = RuleHarness.Parse("""
            {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","namespace":"shop"},
             "spec":{"selector":{"matchLabels":{"app":"web"}},"template":{"metadata":{"labels":{"app":"web"}},
             "spec":{"tolerations":[{"key":"node-role.kubernetes.io/control-plane","operator":"Exists"}],"containers":[{"name":"c","image":"nginx"}]}}}}
            """);

        var result = Run(deployment).Objects.Single().Result;

        result.Findings.ShouldBe([new Finding("control-plane-toleration", FindingAction.Deny,
            "toleration[0] tolerates the control-plane taint node-role.kubernetes.io/control-plane:NoSchedule")]);
        result.Patch.ShouldBeEmpty();
    }

    [Fact]
    public void Run_Order_NodesNamespacesThenByNamespaceKindAndName()
    {
        var ns = RuleHarness.Parse("""{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"shop"}}""");
        var policy = RuleHarness.Parse("""{"apiVersion":"networking.k8s.io/v1","kind":"NetworkPolicy","metadata":{"name":"a","namespace":"alpha"},"spec":{"podSelector":{},"policyTypes":["Ingress"]}}""");

        var report = Run(Pod("b"), policy, Pod("a"), ns, RuleHarness.Parse(WorkerNode), Pod("z", ns: "alpha"));

        report.Objects.Select(o => $"{o.Result.Kind} {o.Result.Namespace}/{o.Result.Name}").ShouldBe(
        [
            "Node /worker-1", "Namespace /shop", "Pod alpha/z", "NetworkPolicy alpha/a", "Pod shop/a", "Pod shop/b",
        ]);
    }

    [Theory]
    [InlineData("""{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p"},"status":{"phase":"Succeeded"}}""", false)]
    [InlineData("""{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p"},"status":{"phase":"Failed"}}""", false)]
    [InlineData("""{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p"},"status":{"phase":"Pending"}}""", true)]
    [InlineData("""{"apiVersion":"apps/v1","kind":"ReplicaSet","metadata":{"name":"r","ownerReferences":[{"kind":"Deployment","name":"d","controller":true}]}}""", false)]
    [InlineData("""{"apiVersion":"apps/v1","kind":"ReplicaSet","metadata":{"name":"r"}}""", true)]
    [InlineData("""{"apiVersion":"batch/v1","kind":"Job","metadata":{"name":"j","ownerReferences":[{"kind":"CronJob","name":"c","controller":true}]}}""", false)]
    [InlineData("""{"apiVersion":"batch/v1","kind":"Job","metadata":{"name":"j"}}""", true)]
    public void IsAudited_FinishedPodsAndOwnedTemplates_LeftOut(string json, bool expected)
    {
        var obj = RuleHarness.Parse(json);

        AuditRunner.IsAudited(KubeObjectReader.Read(obj["kind"]!.GetValue<string>(), obj)).ShouldBe(expected);
    }

    [Fact]
    public void RulesFor_EachKind_TheValidationsAndTheReportedMutations()
    {
        var config = new NetguardConfig();

        Runner.RulesFor("Pod", config).ShouldBe(["control-plane-toleration", "control-plane-pinning", "qos-class", "qos-class-unknown", "qos-class-forbidden"]);
        Runner.RulesFor("Deployment", config).ShouldBe(["control-plane-toleration", "control-plane-pinning", "qos-class-unknown", "qos-class-forbidden"]);
        Runner.RulesFor("Node", config).ShouldBe(["control-plane-taint"]);
        Runner.RulesFor("Namespace", config).ShouldBe(["namespace-default-deny"]);
        Runner.RulesFor("Service", config).ShouldBeEmpty();
        Runner.RulesFor("NetworkPolicy", config).ShouldBe(
            ["netpol-allow-all", "netpol-world-cidr", "netpol-blocks-dns", "netpol-selects-nothing", "netpol-unknown-port", "netpol-implicit-types"]);
        Runner.RulesFor("Pod", NetguardConfigLoader.LoadOrThrow("rules: {qos-class: off, control-plane-pinning: off}"))
            .ShouldBe(["control-plane-toleration", "qos-class-unknown", "qos-class-forbidden"]);
    }
}
