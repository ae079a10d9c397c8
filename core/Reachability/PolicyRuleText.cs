using System.Globalization;
using Netguard.Core.Kube.Models;

namespace Netguard.Core.Reachability;

/// <summary>
/// A NetworkPolicy rule in words, for people: <c>from pods app=web in shop or 10.0.0.0/8 except 10.1.0.0/16,
/// on 80/TCP, http/TCP (8080 here)</c>. Named ports are shown with what they resolve to on a given pod.
/// </summary>
public static class PolicyRuleText
{
    /// <summary>Each peer in words; an empty list means "anywhere" (every pod and address).</summary>
    public static IReadOnlyList<string> Peers(IReadOnlyList<NetworkPolicyPeer>? peers, string policyNamespace)
    {
        ArgumentNullException.ThrowIfNull(policyNamespace);
        var result = new List<string>();
        foreach (var peer in peers ?? [])
        {
            result.Add(peer switch
            {
                { IpBlock: { } block } => block.Except is { Count: > 0 } except ? $"{block.Cidr} except {string.Join(", ", except)}" : block.Cidr,
                { NamespaceSelector: { } ns, PodSelector: { } pods } => $"{PodsText(pods)} in {NamespacesText(ns)}",
                { NamespaceSelector: { } ns } => $"all pods in {NamespacesText(ns)}",
                { PodSelector: { } pods } => $"{PodsText(pods)} in namespace {policyNamespace}",
                _ => "nothing (empty peer)",
            });
        }

        return result;
    }

    /// <summary>Each port entry in words; an empty list means every port. Named ports resolve on <paramref name="destination"/> when given.</summary>
    public static IReadOnlyList<string> Ports(IReadOnlyList<NetworkPolicyPort>? ports, PodEndpoint? destination = null)
    {
        var result = new List<string>();
        foreach (var port in ports ?? [])
        {
            var protocol = port.Protocol ?? "TCP";
            result.Add(port.Port switch
            {
                null => $"every {protocol} port",
                { IntValue: { } n } when port.EndPort is { } end && end != n => $"{Number(n)}-{Number(end)}/{protocol}",
                { IntValue: { } n } => $"{Number(n)}/{protocol}",
                { StringValue: { } name } => $"{name}/{protocol}{Resolved(name, protocol, destination)}",
                _ => "?",
            });
        }

        return result;
    }

    /// <summary>The whole rule: <c>from PEERS, on PORTS</c> (or <c>to …</c> for egress).</summary>
    public static string Rule(PolicyDirection direction, IReadOnlyList<NetworkPolicyPeer>? peers, IReadOnlyList<NetworkPolicyPort>? ports, string policyNamespace, PodEndpoint? destination = null)
    {
        var peerText = Peers(peers, policyNamespace);
        var portText = Ports(ports, destination);
        var who = peerText.Count == 0 ? "anywhere" : string.Join(" or ", peerText);
        var on = portText.Count == 0 ? "any port" : string.Join(", ", portText);
        return $"{(direction == PolicyDirection.Ingress ? "from" : "to")} {who}, on {on}";
    }

    private static string PodsText(LabelSelector selector) =>
        LabelSelectorText.Format(selector) is var s && s == "{}" ? "all pods" : $"pods {s}";

    private static string NamespacesText(LabelSelector selector) =>
        LabelSelectorText.Format(selector) is var s && s == "{}" ? "all namespaces" : $"namespaces {s}";

    private static string Resolved(string name, string protocol, PodEndpoint? destination)
    {
        if (destination is null || !TransportProtocolNames.TryParse(protocol, ignoreCase: false, out var p))
        {
            return "";
        }

        return destination.FindPort(name, p) is { } found ? $" ({Number(found.Number)} here)" : " (not on this pod)";
    }

    private static string Number(int n) => n.ToString(CultureInfo.InvariantCulture);
}
