using Netguard.Core.Admission;
using Netguard.Core.Config;
using Netguard.Core.Kube.Models;
using Netguard.Core.Reachability;
using Netguard.Core.Selectors;

namespace Netguard.Core.Rules.NetworkPolicies;

/// <summary>
/// netpol-blocks-dns (SPEC §5.3): after this policy, a pod it selects is egress-isolated and its egress
/// no longer allows the cluster DNS pods (<c>netpol.dns</c>) on the DNS port over UDP and over TCP (DNS
/// falls back to TCP for large answers, so both are needed). Judged with the reachability engine on the
/// cluster after the policy, so other policies that allow DNS count. What it reasons about when the
/// snapshot is incomplete (docs/reachability.md):
/// <list type="bullet">
/// <item>DNS pods not in the snapshot: a synthetic DNS pod with <c>netpol.dns.podLabels</c> in
/// <c>netpol.dns.namespace</c>, exposing <c>dns</c>/UDP and <c>dns-tcp</c>/TCP on the port, as CoreDNS does.</item>
/// <item>No pods known, or none selected: a hypothetical pod with labels the podSelector matches.</item>
/// <item>A DNS pod without a known address: an ipBlock rule on the right port gets the benefit of the doubt.</item>
/// </list>
/// Only the egress side is judged: ingress policies on the DNS pods are not this policy's doing.
/// </summary>
public sealed class NetpolBlocksDnsRule : IAdmissionRule
{
    private const string HypotheticalPodName = "<selected-pod>";
    private const string SyntheticDnsPodName = "<cluster-dns>";

    public RuleDescriptor Descriptor { get; } = new(
        RuleIds.NetpolBlocksDns,
        RulePhase.Validate,
        RuleAction.Deny,
        ["NetworkPolicy"],
        [AdmissionOperation.Create, AdmissionOperation.Update],
        "a pod the policy egress-isolates must still reach the cluster DNS over UDP and TCP");

    public void Evaluate(RuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Subject.Typed is not NetworkPolicy policy || !EffectivePolicyTypes.Isolates(policy.Spec, PolicyDirection.Egress))
        {
            return;
        }

        var dns = context.Config.Netpol.Dns;
        var ns = context.Subject.EffectiveNamespace;
        var review = PolicyUnderReview.For(context.Cluster, policy, ns);
        var sources = review.Engine.SelectedPods(review.Reference);
        var dnsPods = DnsPods(review.Engine, dns);
        var hypothetical = sources.Count == 0;
        if (hypothetical || dnsPods.Count == 0)
        {
            var extra = new List<Pod>();
            if (hypothetical)
            {
                if (SelectorWitness.TryBuild(policy.Spec.PodSelector) is not { } labels)
                {
                    return; // the podSelector can match no pod at all
                }

                extra.Add(new Pod { Metadata = new() { Namespace = ns, Name = HypotheticalPodName, Labels = labels } });
            }

            if (dnsPods.Count == 0)
            {
                extra.Add(SyntheticDnsPod(dns));
            }

            review = PolicyUnderReview.Create(context.Cluster, policy, ns, extra);
            sources = hypothetical ? [review.Engine.FindPod(ns, HypotheticalPodName)!] : review.Engine.SelectedPods(review.Reference);
            dnsPods = DnsPods(review.Engine, dns);
        }

        var dnsText = $"cluster DNS ({dns.Namespace} {LabelSelectorText.Format(new LabelSelector { MatchLabels = dns.PodLabels })})";
        foreach (var group in sources.GroupBy(s => BlockedProtocols(review.Engine, s, dnsPods, dns.Port)).Where(g => g.Key.Length > 0))
        {
            var on = group.Key.Replace("+", $", {dns.Port}/", StringComparison.Ordinal);
            context.Report(hypothetical
                ? $"a pod it selects ({LabelSelectorText.Format(policy.Spec.PodSelector)}) is egress-isolated and cannot reach {dnsText} on {dns.Port}/{on}"
                : $"egress-isolated pod {PodListText.Format(group)} cannot reach {dnsText} on {dns.Port}/{on}");
        }
    }

    /// <summary>"UDP+TCP", "UDP", "TCP" or "" (reachable over both).</summary>
    private static string BlockedProtocols(ReachabilityEngine engine, PodEndpoint source, IReadOnlyList<PodEndpoint> dnsPods, int port)
    {
        var blocked = new List<string>();
        foreach (var protocol in (ReadOnlySpan<TransportProtocol>)[TransportProtocol.Udp, TransportProtocol.Tcp])
        {
            var probe = ProbePort.Numeric(port, protocol);
            var reachable = dnsPods.Any(d =>
            {
                var egress = engine.Reach(ReachEndpoint.ForPod(source), ReachEndpoint.ForPod(d), probe).Egress;
                return egress.Allowed || egress.Undecided.Count > 0;
            });
            if (!reachable)
            {
                blocked.Add(protocol.ToApiString());
            }
        }

        return string.Join('+', blocked);
    }

    private static List<PodEndpoint> DnsPods(ReachabilityEngine engine, DnsConfig dns) =>
        engine.Pods.Where(p => p.Namespace == dns.Namespace && LabelSelectorMatcher.MatchesLabels(dns.PodLabels, p.Labels)).ToList();

    private static Pod SyntheticDnsPod(DnsConfig dns) => new()
    {
        Metadata = new() { Namespace = dns.Namespace, Name = SyntheticDnsPodName, Labels = new(dns.PodLabels, StringComparer.Ordinal) },
        Spec = new()
        {
            Containers =
            [
                new()
                {
                    Name = "dns",
                    Ports = [new() { Name = "dns", Port = dns.Port, Protocol = "UDP" }, new() { Name = "dns-tcp", Port = dns.Port, Protocol = "TCP" }],
                },
            ],
        },
    };
}
