using Netguard.Core.Cluster;
using Netguard.Core.Kube.Models;
using Netguard.Core.Rules.NetworkPolicies;

namespace Netguard.Core.Tests.Rules.NetworkPolicies;

public class NamespaceDefaultDenyRuleTests
{
    private const string Shop = """{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"shop"}}""";

    private static Pod Pod(string name, string app, string extra = "") => RuleHarness.Pod(
        "{\"metadata\":{\"name\":\"" + name + "\",\"namespace\":\"shop\",\"labels\":{\"app\":\"" + app + "\"}},\"spec\":{\"containers\":[]" + extra + "}}");

    private static NetworkPolicy Policy(string spec) => RuleHarness.Policy(
        "{\"metadata\":{\"name\":\"np\",\"namespace\":\"shop\"},\"spec\":" + spec + "}");

    private static RuleHarness Harness(IReadOnlyCollection<Pod>? pods, IReadOnlyCollection<NetworkPolicy>? policies) =>
        new(new NamespaceDefaultDenyRule()) { Cluster = ClusterSnapshot.Create(pods: pods, networkPolicies: policies) };

    [Fact]
    public void Evaluate_PodsWithoutAnyPolicy_WarnsInAudit()
    {
        var result = Harness([Pod("web-1", "web"), Pod("db-1", "db")], []).Run("Namespace", Shop, audit: true);

        result.Findings.ShouldHaveSingleItem().Message.ShouldBe("2 of 2 pods accept any ingress (no default-deny policy), e.g. web-1");
    }

    [Fact]
    public void Evaluate_NotAudit_NotRun()
    {
        Harness([Pod("web-1", "web")], []).Run("Namespace", Shop).Findings.ShouldBeEmpty();
    }

    [Fact]
    public void Evaluate_DefaultDenyIngress_Silent()
    {
        var harness = Harness([Pod("web-1", "web")], [Policy("""{"podSelector":{},"policyTypes":["Ingress"]}""")]);

        harness.Run("Namespace", Shop, audit: true).Findings.ShouldBeEmpty();
    }

    [Fact]
    public void Evaluate_EgressOnlyDefaultDeny_StillWarns()
    {
        var harness = Harness([Pod("web-1", "web")], [Policy("""{"podSelector":{},"policyTypes":["Egress"]}""")]);

        harness.Run("Namespace", Shop, audit: true).Findings.Count.ShouldBe(1);
    }

    [Fact]
    public void Evaluate_PoliciesCoveringSomePods_CountsTheRest()
    {
        // policyTypes absent: Ingress is implied.
        var harness = Harness([Pod("web-1", "web"), Pod("db-1", "db"), Pod("db-2", "db")],
            [Policy("""{"podSelector":{"matchLabels":{"app":"web"}},"ingress":[{"from":[{"podSelector":{}}]}]}""")]);

        harness.Run("Namespace", Shop, audit: true).Findings.ShouldHaveSingleItem().Message
            .ShouldBe("2 of 3 pods accept any ingress (no default-deny policy), e.g. db-1");
    }

    [Fact]
    public void Evaluate_OnlyHostNetworkOrFinishedPods_Silent()
    {
        var finished = RuleHarness.Pod("""{"metadata":{"name":"job-1","namespace":"shop"},"spec":{"containers":[]},"status":{"phase":"Succeeded"}}""");

        Harness([Pod("agent", "agent", ",\"hostNetwork\":true"), finished], []).Run("Namespace", Shop, audit: true).Findings.ShouldBeEmpty();
    }

    [Fact]
    public void Evaluate_PodsUnknown_Silent()
    {
        Harness(null, []).Run("Namespace", Shop, audit: true).Findings.ShouldBeEmpty();
        Harness([], []).Run("Namespace", Shop, audit: true).Findings.ShouldBeEmpty();
    }
}
