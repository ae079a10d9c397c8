using Netguard.Core.Admission;
using Netguard.Core.Check;
using Netguard.Core.Config;
using Netguard.Core.Rules;
using Netguard.Core.Tests.Rules;

namespace Netguard.Core.Tests.Check;

public class CheckRunnerTests
{
    private static readonly CheckRunner Runner = new(BuiltInRules.CreateEngine());

    private static CheckInput Input(string json, string source = "m.yaml", int line = 1, Func<string, int?>? lineOf = null) =>
        new(RuleHarness.Parse(json), source, line, lineOf);

    private const string ControlPlaneNode = """{"apiVersion":"v1","kind":"Node","metadata":{"name":"cp-1","labels":{"node-role.kubernetes.io/control-plane":""}}}""";
    private const string WorkerNode = """{"apiVersion":"v1","kind":"Node","metadata":{"name":"worker-1"}}""";
    private const string PinnedPod = """{"apiVersion":"v1","kind":"Pod","metadata":{"name":"dbg","namespace":"shop"},"spec":{"nodeName":"cp-1","containers":[{"name":"c","image":"busybox"}]}}""";
    private const string ConfigMap = """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"settings"},"data":{"a":"b"}}""";

    [Fact]
    public void Run_NodesInInput_FormTheClusterState()
    {
        var report = Runner.Run([Input(ControlPlaneNode), Input(WorkerNode), Input(PinnedPod)], new NetguardConfig());

        report.Results.Select(r => (r.Kind, r.Namespace, r.Name, r.Allowed)).ShouldBe(
        [
            ("Node", "", "cp-1", true),
            ("Node", "", "worker-1", true),
            ("Pod", "shop", "dbg", false),
        ]);
        report.Results[2].Findings.ShouldContain(f => f.Rule == "control-plane-pinning" && f.Action == FindingAction.Deny);
        report.Results[0].Patch.ShouldHaveSingleItem().Path.ShouldBe("/spec");
    }

    [Fact]
    public void Run_NoNodesInInput_NodeNameNotJudged()
    {
        var report = Runner.Run([Input(PinnedPod)], new NetguardConfig());

        report.Results.ShouldHaveSingleItem().Allowed.ShouldBeTrue();
    }

    [Fact]
    public void Run_Summary_CountsObjectsDeniedWarningFindingsAndMutated()
    {
        var allowAll = """{"apiVersion":"networking.k8s.io/v1","kind":"NetworkPolicy","metadata":{"name":"open","namespace":"legacy"},"spec":{"podSelector":{},"ingress":[{}]}}""";

        var report = Runner.Run([Input(ControlPlaneNode), Input(WorkerNode), Input(PinnedPod), Input(allowAll), Input(ConfigMap)], new NetguardConfig());

        // cp-1 mutated (taint), dbg mutated (qos) and denied, the policy: allow-all + implicit types = 2 warnings.
        report.Summary.ShouldBe(new CheckSummary(Objects: 5, Denied: 1, Warnings: 2, Mutated: 2));
        report.Results[4].Findings.ShouldBeEmpty();
        report.Results[4].Namespace.ShouldBe("default");
    }

    [Fact]
    public void Run_NetguardConfigDocument_Skipped()
    {
        var config = """{"apiVersion":"netguard.io/v1alpha1","kind":"NetguardConfig","qos":{}}""";

        Runner.Run([Input(config), Input(ConfigMap)], new NetguardConfig()).Results.ShouldHaveSingleItem().Kind.ShouldBe("ConfigMap");
    }

    [Fact]
    public void Run_MissingKind_InputErrorWithOrigin()
    {
        var e = Should.Throw<CheckInputException>(() => Runner.Run([Input("""{"apiVersion":"v1","metadata":{"name":"x"}}""", "dir/a.yaml", 7)], new NetguardConfig()));

        e.Message.ShouldBe("dir/a.yaml:7: not a Kubernetes object: kind is missing");
    }

    [Fact]
    public void Run_FieldOfWrongType_NamesFieldAndItsLine()
    {
        var pod = """{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p","namespace":"shop"},"spec":{"tolerations":"all","containers":[]}}""";
        int? LineOf(string pointer) => pointer == "/spec/tolerations" ? 12 : null;

        var e = Should.Throw<CheckInputException>(() => Runner.Run([Input(pod, "pods.yaml", 3, LineOf)], new NetguardConfig()));

        e.Message.ShouldBe("pods.yaml:12: Pod shop/p: spec.tolerations has the wrong type");
    }

    [Fact]
    public void Run_WrongTypeInsideWorkloadTemplate_NamesTemplateField()
    {
        var deployment = """{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},"spec":{"template":{"spec":{"containers":[{"name":"c","ports":[{"containerPort":"eighty"}]}]}}}}""";

        var e = Should.Throw<CheckInputException>(() => Runner.Run([Input(deployment)], new NetguardConfig()));

        e.Message.ShouldBe("m.yaml:1: Deployment default/web: spec.template.spec.containers.0.ports.0.containerPort has the wrong type");
    }

    [Fact]
    public void Run_RuleThrows_InputErrorNamingRule()
    {
        var runner = new CheckRunner(new AdmissionEngine([new ThrowingRule()]));

        var e = Should.Throw<CheckInputException>(() => runner.Run([Input(ConfigMap, "cm.yaml", 4)], new NetguardConfig()));

        e.Message.ShouldBe("cm.yaml:4: ConfigMap default/settings: selector operator \"Bogus\" is unknown (rule throwing)");
    }

    [Fact]
    public void Run_Workloads_AdmittedThroughTemplateAndFormPods()
    {
        var deployment = """
            {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","namespace":"shop"},
             "spec":{"template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"name":"c","image":"nginx"}]}}}}
            """;

        var snapshot = ManifestSnapshot.Build([Input(deployment)]);
        var report = Runner.Run([Input(deployment)], new NetguardConfig());

        snapshot.HasPods.ShouldBeTrue();
        snapshot.PodsIn("shop").ShouldHaveSingleItem().Metadata.Labels!["app"].ShouldBe("web");
        report.Results.ShouldHaveSingleItem().Patch.ShouldAllBe(o => o.Path.StartsWith("/spec/template/", StringComparison.Ordinal));
    }

    [Fact]
    public void Build_Namespaces_ReferencedOnesExistWithNameLabel()
    {
        var declared = """{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"shop","labels":{"team":"a"}}}""";

        var snapshot = ManifestSnapshot.Build([Input(declared), Input(PinnedPod), Input(ConfigMap), Input(WorkerNode)]);

        snapshot.Namespaces.Select(n => n.Metadata.Name).Order(StringComparer.Ordinal).ShouldBe(["default", "shop"]);
        snapshot.FindNamespace("shop")!.Metadata.Labels.ShouldBe(new Dictionary<string, string> { ["team"] = "a", ["kubernetes.io/metadata.name"] = "shop" });
        snapshot.FindNamespace("default")!.Metadata.Labels!["kubernetes.io/metadata.name"].ShouldBe("default");
        snapshot.HasNodes.ShouldBeTrue();
    }

    [Fact]
    public void Build_NoPodsOrNodes_Unknown()
    {
        var snapshot = ManifestSnapshot.Build([Input(ConfigMap)]);

        snapshot.HasPods.ShouldBeFalse();
        snapshot.HasNodes.ShouldBeFalse();
        snapshot.HasNetworkPolicies.ShouldBeTrue();
    }

    [Fact]
    public void ToJson_Report_SpecShape()
    {
        var report = Runner.Run([Input(ControlPlaneNode), Input(WorkerNode), Input(PinnedPod)], new NetguardConfig());

        var json = CheckReportJson.ToJson(report);

        json["summary"]!.ToJsonString().ShouldBe("""{"objects":3,"denied":1,"warnings":0,"mutated":2}""");
        json["results"]![1]!.ToJsonString().ShouldBe("""{"kind":"Node","namespace":"","name":"worker-1","allowed":true,"findings":[],"patch":[]}""");
        var pod = json["results"]![2]!;
        pod["allowed"]!.GetValue<bool>().ShouldBeFalse();
        pod["findings"]!.AsArray().Select(f => f!["rule"]!.GetValue<string>() + "/" + f["action"]!.GetValue<string>())
            .ShouldBe(["qos-class/mutate", "control-plane-pinning/deny"]);
        pod["patch"]![0]!.ToJsonString().ShouldBe("""{"op":"add","path":"/metadata/annotations","value":{"netguard.io/qos-class":"standard"}}""");
        pod["mutated"].ShouldBeNull();
        CheckReportJson.ToJson(report, includeMutated: true)["results"]![2]!["mutated"]!["metadata"]!["annotations"].ShouldNotBeNull();
    }

    private sealed class ThrowingRule : IAdmissionRule
    {
        public RuleDescriptor Descriptor { get; } = new("throwing", RulePhase.Validate, RuleAction.Deny, ["ConfigMap"], [AdmissionOperation.Create], "test");

        public void Evaluate(RuleContext context) => throw new ArgumentException("selector operator \"Bogus\" is unknown");
    }
}
