using System.Text.Json.Nodes;
using Netguard.Core.Admission;
using Netguard.Core.Audit;
using Netguard.Core.Check;

namespace Netguard.Core.Tests.Audit;

public class PolicyReportBuilderTests
{
    private static readonly DateTimeOffset Time = new(2024, 6, 1, 0, 0, 0, TimeSpan.Zero);

    private static AuditedObject Object(string kind, string ns, string name, string[] rules, params Finding[] findings) =>
        new(new CheckResult(kind, ns, name, "cluster", findings, [], []), kind == "Pod" ? "v1" : "v1", $"uid-{name}", rules);

    [Fact]
    public void Build_FindingsAndPasses_ResultsAndSummaryPerScope()
    {
        var report = new AuditReport(
        [
            Object("Node", "", "cp-1", ["control-plane-taint"], new Finding("control-plane-taint", FindingAction.Deny, "lacks the taint")),
            Object("Pod", "shop", "a", ["control-plane-toleration", "qos-class"], new Finding("qos-class", FindingAction.Warn, "no class")),
            Object("Pod", "shop", "b", ["control-plane-toleration"]),
        ]);

        var reports = PolicyReportBuilder.Build(report, Time);

        reports.Count.ShouldBe(2);
        var cluster = reports[0];
        cluster["kind"]!.GetValue<string>().ShouldBe("ClusterPolicyReport");
        cluster["metadata"]!.ToJsonString().ShouldBe("""{"name":"netguard","labels":{"app.kubernetes.io/managed-by":"kubectl-netguard"}}""");
        cluster["summary"]!.ToJsonString().ShouldBe("""{"pass":0,"fail":1,"warn":0,"error":0,"skip":0}""");
        cluster["results"]![0]!.ToJsonString().ShouldBe(
            """{"policy":"netguard","rule":"control-plane-taint","category":"Control-plane isolation","result":"fail","severity":"high","message":"lacks the taint","resources":[{"apiVersion":"v1","kind":"Node","name":"cp-1","uid":"uid-cp-1"}],"source":"kubectl-netguard","timestamp":{"seconds":1717200000,"nanos":0}}""");

        var shop = reports[1];
        shop["kind"]!.GetValue<string>().ShouldBe("PolicyReport");
        shop["apiVersion"]!.GetValue<string>().ShouldBe("wgpolicyk8s.io/v1alpha2");
        shop["metadata"]!["namespace"]!.GetValue<string>().ShouldBe("shop");
        shop["summary"]!.ToJsonString().ShouldBe("""{"pass":2,"fail":0,"warn":1,"error":0,"skip":0}""");
        shop["results"]!.AsArray().Select(r => $"{r!["resources"]![0]!["name"]} {r["rule"]} {r["result"]} {r["severity"]?.GetValue<string>() ?? "-"}").ShouldBe(
        [
            "a qos-class warn medium",
            "a control-plane-toleration pass -",
            "b control-plane-toleration pass -",
        ]);
        shop["results"]![0]!["resources"]![0]!["namespace"]!.GetValue<string>().ShouldBe("shop");
    }

    [Fact]
    public void Build_NothingAudited_NoReports() =>
        PolicyReportBuilder.Build(new AuditReport([]), Time).ShouldBeEmpty();

    [Theory]
    [InlineData("control-plane-pinning", "Control-plane isolation")]
    [InlineData("netpol-blocks-dns", "NetworkPolicy hygiene")]
    [InlineData("namespace-default-deny", "NetworkPolicy hygiene")]
    [InlineData("qos-class-forbidden", "QoS classes")]
    [InlineData("topology-spread", "Topology-aware scheduling")]
    public void Category_ByRuleArea(string rule, string category) => PolicyReportBuilder.Category(rule).ShouldBe(category);
}
