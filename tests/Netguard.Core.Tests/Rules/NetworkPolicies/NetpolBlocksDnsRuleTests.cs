using Netguard.Core.Admission;
using Netguard.Core.Cluster;
using Netguard.Core.Config;
using Netguard.Core.Rules;
using Netguard.Core.Rules.NetworkPolicies;
using Netguard.Core.Tests.Reachability;

namespace Netguard.Core.Tests.Rules.NetworkPolicies;

public class NetpolBlocksDnsRuleTests
{
    private const string DenyEgress = """
        metadata: {namespace: shop, name: deny-egress}
        spec: {podSelector: {matchLabels: {app: web}}, policyTypes: [Egress]}
        """;

    private const string AllowDns = """
        metadata: {namespace: shop, name: allow-dns}
        spec:
          podSelector: {}
          policyTypes: [Egress]
          egress:
          - to: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: kube-system}}, podSelector: {matchLabels: {k8s-app: kube-dns}}}]
            ports: [{port: 53, protocol: UDP}, {port: 53, protocol: TCP}]
        """;

    private static ClusterFixture Cluster() => new ClusterFixture()
        .Namespace("shop")
        .Namespace("kube-system")
        .Pod("shop/web-1", "app=web", "10.0.0.1")
        .Pod("shop/web-2", "app=web", "10.0.0.2")
        .Pod("shop/db-0", "app=db", "10.0.0.3")
        .Pod("kube-system/coredns-1", "k8s-app=kube-dns", "10.0.9.1", "dns:53/UDP,dns-tcp:53/TCP");

    private static IReadOnlyList<Finding> Run(IClusterSnapshot cluster, string policyYaml, NetguardConfig? config = null, string? requestNamespace = null)
    {
        var subject = new AdmissionSubject("NetworkPolicy", AdmissionOperation.Create, YamlDocuments.Parse(policyYaml).Single())
        {
            Namespace = requestNamespace,
        };
        return new AdmissionEngine([new NetpolBlocksDnsRule()]).Evaluate(subject, cluster, config ?? new NetguardConfig(), RulePhase.Validate).Findings;
    }

    [Fact]
    public void Evaluate_DefaultDenyEgress_DeniesNamingPodsAndBothProtocols()
    {
        var finding = Run(Cluster().Snapshot(), DenyEgress).ShouldHaveSingleItem();

        finding.Rule.ShouldBe(RuleIds.NetpolBlocksDns);
        finding.Action.ShouldBe(FindingAction.Deny);
        finding.Message.ShouldBe("egress-isolated pod shop/web-1 and shop/web-2 cannot reach cluster DNS (kube-system k8s-app=kube-dns) on 53/UDP, 53/TCP");
    }

    [Fact]
    public void Evaluate_AnotherPolicyAllowsDns_Passes() =>
        Run(Cluster().Policies(AllowDns).Snapshot(), DenyEgress).ShouldBeEmpty();

    [Fact]
    public void Evaluate_PolicyAllowsDnsItself_Passes() =>
        Run(Cluster().Snapshot(), AllowDns.Replace("podSelector: {}", "podSelector: {matchLabels: {app: web}}", StringComparison.Ordinal)).ShouldBeEmpty();

    [Fact]
    public void Evaluate_OnlyUdpAllowed_ReportsTcp()
    {
        var finding = Run(Cluster().Snapshot(), AllowDns.Replace(", {port: 53, protocol: TCP}", "", StringComparison.Ordinal)).ShouldHaveSingleItem();

        finding.Message.ShouldEndWith("on 53/TCP");
        finding.Message.ShouldContain("shop/web-1, shop/web-2 and shop/db-0");
    }

    [Fact]
    public void Evaluate_IngressOnlyPolicy_IsNotJudged() =>
        Run(Cluster().Snapshot(), """
            metadata: {namespace: shop, name: deny-in}
            spec: {podSelector: {}, policyTypes: [Ingress]}
            """).ShouldBeEmpty();

    [Fact]
    public void Evaluate_NoPodsKnown_JudgesAHypotheticalSelectedPod()
    {
        var finding = Run(ClusterSnapshot.Empty, DenyEgress).ShouldHaveSingleItem();

        finding.Message.ShouldBe("a pod it selects (app=web) is egress-isolated and cannot reach cluster DNS (kube-system k8s-app=kube-dns) on 53/UDP, 53/TCP");
    }

    [Fact]
    public void Evaluate_NoPodsKnownAndDnsAllowed_Passes() =>
        Run(ClusterSnapshot.Empty, AllowDns).ShouldBeEmpty();

    [Fact]
    public void Evaluate_NoPodsKnownAndSelectorUnsatisfiable_Passes() =>
        Run(ClusterSnapshot.Empty, """
            metadata: {namespace: shop, name: never}
            spec:
              podSelector: {matchLabels: {app: web}, matchExpressions: [{key: app, operator: NotIn, values: [web]}]}
              policyTypes: [Egress]
            """).ShouldBeEmpty();

    [Fact]
    public void Evaluate_DnsPodsNotInSnapshot_UsesSyntheticDnsPodWithCoreDnsPortNames()
    {
        var cluster = new ClusterFixture().Pod("shop/web-1", "app=web", "10.0.0.1").Snapshot();
        var byName = """
            metadata: {namespace: shop, name: dns-by-name}
            spec:
              podSelector: {}
              policyTypes: [Egress]
              egress:
              - to: [{namespaceSelector: {}, podSelector: {matchLabels: {k8s-app: kube-dns}}}]
                ports: [{port: dns, protocol: UDP}, {port: dns-tcp}]
            """;

        Run(cluster, byName).ShouldBeEmpty();
        Run(cluster, DenyEgress).ShouldHaveSingleItem().Message.ShouldStartWith("egress-isolated pod shop/web-1 cannot reach");
    }

    [Fact]
    public void Evaluate_IpBlockAndDnsAddressUnknown_GivesBenefitOfDoubt()
    {
        var policy = """
            metadata: {namespace: shop, name: dns-cidr}
            spec:
              podSelector: {}
              policyTypes: [Egress]
              egress:
              - to: [{ipBlock: {cidr: 10.96.0.0/12}}]
                ports: [{port: 53, protocol: UDP}, {port: 53, protocol: TCP}]
            """;
        var unknownAddress = new ClusterFixture().Pod("shop/web-1", "app=web", "10.0.0.1").Pod("kube-system/coredns-1", "k8s-app=kube-dns").Snapshot();

        Run(unknownAddress, policy).ShouldBeEmpty();
        Run(Cluster().Snapshot(), policy).ShouldHaveSingleItem(); // coredns-1 is 10.0.9.1, outside 10.96.0.0/12
    }

    [Fact]
    public void Evaluate_ConfiguredDnsEndpoint_IsUsed()
    {
        var config = new NetguardConfig();
        config.Netpol.Dns = new DnsConfig { Namespace = "dns", PodLabels = new() { ["app"] = "unbound" }, Port = 5353 };
        var cluster = Cluster().Pod("dns/unbound-0", "app=unbound", "10.0.8.1").Policies(AllowDns).Snapshot();

        var finding = Run(cluster, DenyEgress, config).ShouldHaveSingleItem();

        finding.Message.ShouldEndWith("cannot reach cluster DNS (dns app=unbound) on 5353/UDP, 5353/TCP");
    }

    [Fact]
    public void Evaluate_WarnConfigured_Warns()
    {
        var config = new NetguardConfig();
        config.Rules[RuleIds.NetpolBlocksDns] = RuleAction.Warn;

        Run(Cluster().Snapshot(), DenyEgress, config).ShouldHaveSingleItem().Action.ShouldBe(FindingAction.Warn);
    }

    [Fact]
    public void Evaluate_UpdateReplacesThePolicyThatAllowedDns_Denies()
    {
        // The cluster has allow-dns; the request turns allow-dns into a policy without the DNS rule.
        var replaced = AllowDns[..AllowDns.IndexOf("  egress:", StringComparison.Ordinal)];

        Run(Cluster().Policies(AllowDns).Snapshot(), replaced).ShouldHaveSingleItem();
    }

    [Fact]
    public void Evaluate_NamespaceOnlyInRequest_JudgesPodsOfThatNamespace()
    {
        var withoutNamespace = DenyEgress.Replace("namespace: shop, ", "", StringComparison.Ordinal);

        Run(Cluster().Snapshot(), withoutNamespace, requestNamespace: "shop").ShouldHaveSingleItem().Message.ShouldContain("shop/web-1");
    }

    [Fact]
    public void BuiltInRules_IncludesTheRule() =>
        BuiltInRules.All.ShouldContain(r => r.Descriptor.Id == RuleIds.NetpolBlocksDns);
}
