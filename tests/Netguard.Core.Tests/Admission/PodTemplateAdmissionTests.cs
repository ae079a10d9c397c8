using Netguard.Core.Admission;
using Netguard.Core.Cluster;
using Netguard.Core.Config;
using Netguard.Core.JsonPatch;
using Netguard.Core.Rules;
using Netguard.Core.Tests.Rules;

namespace Netguard.Core.Tests.Admission;

public class PodTemplateAdmissionTests
{
    private static readonly AdmissionEngine Engine = BuiltInRules.CreateEngine();

    private static AdmissionResult Admit(string kind, string json, NetguardConfig? config = null) =>
        PodTemplateAdmission.Evaluate(
            Engine, new AdmissionSubject(kind, AdmissionOperation.Create, RuleHarness.Parse(json)), ClusterSnapshot.Empty, config ?? new NetguardConfig());

    private const string Deployment = """
        {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","namespace":"shop"},
         "spec":{"replicas":2,"selector":{"matchLabels":{"app":"web"}},
                 "template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"name":"c","image":"nginx"}]}}}}
        """;

    [Fact]
    public void Evaluate_Deployment_PatchUnderTemplateWithReplicaSetLogic()
    {
        var result = Admit("Deployment", Deployment);

        result.Allowed.ShouldBeTrue();
        RuleHarness.Ops(result).ShouldBe(
        [
            """add /spec/template/spec/topologySpreadConstraints [{"maxSkew":1,"topologyKey":"topology.kubernetes.io/zone","whenUnsatisfiable":"ScheduleAnyway","labelSelector":{"matchLabels":{"app":"web"}},"matchLabelKeys":["pod-template-hash"]}]""",
            """add /spec/template/metadata/annotations {"netguard.io/qos-class":"standard"}""",
            """add /spec/template/metadata/annotations/netguard.io~1qos-source "default" """.TrimEnd(),
        ]);
    }

    [Fact]
    public void Evaluate_Deployment_PatchAppliesAndRerunIsEmpty()
    {
        var input = RuleHarness.Parse(Deployment);

        var first = Admit("Deployment", Deployment);
        var second = Admit("Deployment", first.MutatedObject.ToJsonString());

        JsonValueEquality.DeepEquals(JsonPatchApplier.Apply(input, first.Patch), first.MutatedObject).ShouldBeTrue();
        RuleHarness.At(first.MutatedObject, "/spec/replicas")!.GetValue<int>().ShouldBe(2);
        first.MutatedObject["metadata"]!["ownerReferences"].ShouldBeNull();
        second.Patch.ShouldBeEmpty();
    }

    [Fact]
    public void Evaluate_TemplateWithoutMetadata_CreatesItFirst()
    {
        var json = """
            {"apiVersion":"apps/v1","kind":"StatefulSet","metadata":{"name":"db","namespace":"shop"},
             "spec":{"template":{"spec":{"containers":[{"name":"c","image":"postgres"}]}}}}
            """;

        var result = Admit("StatefulSet", json);

        RuleHarness.Ops(result).ShouldBe(
        [
            "add /spec/template/metadata {}",
            """add /spec/template/metadata/annotations {"netguard.io/qos-class":"standard"}""",
            """add /spec/template/metadata/annotations/netguard.io~1qos-source "default" """.TrimEnd(),
        ]);
        JsonPatchApplier.Apply(RuleHarness.Parse(json), result.Patch).ShouldNotBeNull();
    }

    [Fact]
    public void Evaluate_DaemonSetToleratingEverything_AllowedAsDaemonSet()
    {
        var json = """
            {"apiVersion":"apps/v1","kind":"DaemonSet","metadata":{"name":"agent","namespace":"monitoring"},
             "spec":{"template":{"metadata":{"labels":{"app":"agent"}},"spec":{"tolerations":[{"operator":"Exists"}],"containers":[{"name":"c","image":"agent"}]}}}}
            """;

        var result = Admit("DaemonSet", json);
        var denied = Admit("DaemonSet", json, new NetguardConfig { ControlPlane = { AllowDaemonSets = false } });

        result.Allowed.ShouldBeTrue();
        result.Findings.ShouldNotContain(f => f.Rule == "topology-spread");
        denied.Denials.ShouldHaveSingleItem().Rule.ShouldBe("control-plane-toleration");
    }

    [Fact]
    public void Evaluate_CronJob_PathsUnderJobTemplate()
    {
        var json = """
            {"apiVersion":"batch/v1","kind":"CronJob","metadata":{"name":"report","namespace":"shop"},
             "spec":{"schedule":"0 * * * *","jobTemplate":{"spec":{"template":{"metadata":{"labels":{"netguard.io/workload":"batch"}},
               "spec":{"restartPolicy":"OnFailure","containers":[{"name":"c","image":"report"}]}}}}}}
            """;

        var result = Admit("CronJob", json);

        result.Patch.ShouldAllBe(o => o.Path.StartsWith("/spec/jobTemplate/spec/template/", StringComparison.Ordinal));
        RuleHarness.At(result.MutatedObject, "/spec/jobTemplate/spec/template/metadata/annotations/netguard.io~1qos-class")!
            .GetValue<string>().ShouldBe("bulk");
    }

    [Fact]
    public void Evaluate_DeploymentAskingForControlPlane_Forbidden()
    {
        var json = Deployment.Replace("\"labels\":{\"app\":\"web\"}}", "\"labels\":{\"app\":\"web\"},\"annotations\":{\"netguard.io/qos-class\":\"control-plane\"}}", StringComparison.Ordinal);

        var result = Admit("Deployment", json);

        result.Denials.ShouldHaveSingleItem().Rule.ShouldBe("qos-class-forbidden");
    }

    [Fact]
    public void Evaluate_KubeSystemWorkload_UsesWorkloadNamespace()
    {
        var json = """
            {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"coredns","namespace":"kube-system"},
             "spec":{"template":{"metadata":{"labels":{"k8s-app":"kube-dns"}},"spec":{"priorityClassName":"system-cluster-critical",
               "tolerations":[{"key":"node-role.kubernetes.io/control-plane","effect":"NoSchedule"}],"containers":[{"name":"c","image":"coredns"}]}}}}
            """;

        var result = Admit("Deployment", json);

        result.Allowed.ShouldBeTrue();
        RuleHarness.At(result.MutatedObject, "/spec/template/metadata/annotations/netguard.io~1qos-class")!.GetValue<string>().ShouldBe("control-plane");
    }

    [Theory]
    [InlineData("Deployment", "ReplicaSet")]
    [InlineData("ReplicaSet", "ReplicaSet")]
    [InlineData("StatefulSet", "StatefulSet")]
    [InlineData("DaemonSet", "DaemonSet")]
    [InlineData("Job", "Job")]
    [InlineData("CronJob", "Job")]
    public void ToPod_Workload_OwnedByControllerOfItsPods(string kind, string owner)
    {
        var json = RuleHarness.Parse(kind == "CronJob"
            ? """{"metadata":{"name":"w","namespace":"ns"},"spec":{"jobTemplate":{"spec":{"template":{"spec":{}}}}}}"""
            : """{"metadata":{"name":"w","namespace":"ns"},"spec":{"template":{"spec":{}}}}""");

        var pod = PodTemplateAdmission.ToPod(kind, json)!;

        pod["metadata"]!["ownerReferences"]![0]!["kind"]!.GetValue<string>().ShouldBe(owner);
        pod["metadata"]!["ownerReferences"]![0]!["controller"]!.GetValue<bool>().ShouldBeTrue();
        pod["metadata"]!["namespace"]!.GetValue<string>().ShouldBe("ns");
    }

    [Fact]
    public void Evaluate_WorkloadWithoutTemplate_AdmittedAsIs()
    {
        var result = Admit("Deployment", """{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"x","namespace":"shop"},"spec":{}}""");

        result.Findings.ShouldBeEmpty();
        result.Patch.ShouldBeEmpty();
    }
}
