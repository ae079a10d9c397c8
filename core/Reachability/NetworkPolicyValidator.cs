using System.Globalization;
using Netguard.Core.Kube.Models;
using Netguard.Core.Selectors;

namespace Netguard.Core.Reachability;

/// <summary>
/// The checks the API server makes on a networking.k8s.io/v1 NetworkPolicy spec that matter for
/// reachability: selectors, peers, ipBlock CIDRs and excepts, protocols, ports and endPort, policyTypes.
/// </summary>
public static class NetworkPolicyValidator
{
    public static IReadOnlyList<PolicyProblem> Validate(NetworkPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var reference = new PolicyRef(policy.Metadata.Namespace ?? "default", policy.Metadata.Name ?? "");
        var problems = new List<PolicyProblem>();
        void Add(string path, string message) => problems.Add(new PolicyProblem(reference, path, message));

        var spec = policy.Spec;
        if (spec.PodSelector is { } ps && LabelSelectorMatcher.Validate(ps) is { } psError)
        {
            Add("spec.podSelector", psError);
        }

        var types = spec.PolicyTypes ?? [];
        for (var i = 0; i < types.Count; i++)
        {
            if (types[i] is not ("Ingress" or "Egress"))
            {
                Add($"spec.policyTypes[{Index(i)}]", $"unsupported value \"{types[i]}\" (want Ingress or Egress)");
            }
        }

        if (types.Count > 2)
        {
            Add("spec.policyTypes", "may not have more than 2 entries");
        }

        for (var r = 0; r < (spec.Ingress?.Count ?? 0); r++)
        {
            var rule = spec.Ingress![r];
            ValidatePeers(rule.From, $"spec.ingress[{Index(r)}].from", Add);
            ValidatePorts(rule.Ports, $"spec.ingress[{Index(r)}].ports", Add);
        }

        for (var r = 0; r < (spec.Egress?.Count ?? 0); r++)
        {
            var rule = spec.Egress![r];
            ValidatePeers(rule.To, $"spec.egress[{Index(r)}].to", Add);
            ValidatePorts(rule.Ports, $"spec.egress[{Index(r)}].ports", Add);
        }

        return problems;
    }

    private static void ValidatePeers(List<NetworkPolicyPeer>? peers, string path, Action<string, string> add)
    {
        for (var i = 0; i < (peers?.Count ?? 0); i++)
        {
            var peer = peers![i];
            var at = $"{path}[{Index(i)}]";
            var count = (peer.PodSelector is null ? 0 : 1) + (peer.NamespaceSelector is null ? 0 : 1) + (peer.IpBlock is null ? 0 : 1);
            if (count == 0)
            {
                add(at, "must specify a peer (podSelector, namespaceSelector or ipBlock)");
            }
            else if (peer.IpBlock is not null && count > 1)
            {
                add(at, "ipBlock may not be combined with podSelector or namespaceSelector");
            }

            if (peer.PodSelector is { } pod && LabelSelectorMatcher.Validate(pod) is { } podError)
            {
                add($"{at}.podSelector", podError);
            }

            if (peer.NamespaceSelector is { } ns && LabelSelectorMatcher.Validate(ns) is { } nsError)
            {
                add($"{at}.namespaceSelector", nsError);
            }

            if (peer.IpBlock is { } block)
            {
                ValidateIpBlock(block, $"{at}.ipBlock", add);
            }
        }
    }

    private static void ValidateIpBlock(IPBlock block, string path, Action<string, string> add)
    {
        if (!IpCidr.TryParse(block.Cidr, out var cidr, out var error))
        {
            add($"{path}.cidr", error);
            return;
        }

        for (var i = 0; i < (block.Except?.Count ?? 0); i++)
        {
            var text = block.Except![i];
            if (!IpCidr.TryParse(text, out var except, out var exceptError))
            {
                add($"{path}.except[{Index(i)}]", exceptError);
            }
            else if (!cidr.StrictlyContains(except))
            {
                add($"{path}.except[{Index(i)}]", $"\"{text}\" must be a strict subset of cidr {block.Cidr}");
            }
        }
    }

    private static void ValidatePorts(List<NetworkPolicyPort>? ports, string path, Action<string, string> add)
    {
        for (var i = 0; i < (ports?.Count ?? 0); i++)
        {
            var port = ports![i];
            var at = $"{path}[{Index(i)}]";
            if (port.Protocol is { } protocol && !TransportProtocolNames.TryParse(protocol, ignoreCase: false, out _))
            {
                add($"{at}.protocol", $"unsupported protocol \"{protocol}\" (want TCP, UDP or SCTP)");
            }

            switch (port.Port)
            {
                case null when port.EndPort is not null:
                    add($"{at}.endPort", "may not be specified when port is not specified");
                    break;
                case { IntValue: { } n }:
                    if (n is < 1 or > 65535)
                    {
                        add($"{at}.port", $"{Index(n)} is out of range 1-65535");
                    }
                    else if (port.EndPort is { } end && end < n)
                    {
                        add($"{at}.endPort", $"{Index(end)} must not be less than port {Index(n)}");
                    }
                    else if (port.EndPort is > 65535)
                    {
                        add($"{at}.endPort", $"{Index(port.EndPort.Value)} is out of range 1-65535");
                    }

                    break;
                case { StringValue: { } name }:
                    if (!PortNames.IsValid(name))
                    {
                        add($"{at}.port", $"\"{name}\" is not a valid port name (1-15 lower-case letters, digits and '-', with a letter)");
                    }
                    else if (port.EndPort is not null)
                    {
                        add($"{at}.endPort", $"may not be specified when port is a name (\"{name}\")");
                    }

                    break;
            }
        }
    }

    private static string Index(int i) => i.ToString(CultureInfo.InvariantCulture);
}
