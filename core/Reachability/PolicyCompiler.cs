using Netguard.Core.Kube.Models;
using Netguard.Core.Selectors;

namespace Netguard.Core.Reachability;

/// <summary>
/// Turns NetworkPolicies into <see cref="CompiledPolicy"/> against one pod set. Lenient: a field the API
/// would reject (see <see cref="NetworkPolicyValidator"/>) compiles to "matches nothing" instead of failing.
/// </summary>
internal sealed class PolicyCompiler
{
    private readonly SelectorIndex _index;
    private readonly int _capacity;
    private int _nextRuleId;

    public PolicyCompiler(SelectorIndex index, int capacity)
    {
        _index = index;
        _capacity = capacity;
    }

    /// <summary>How many rules have been compiled (rule ids are 0..RuleCount-1).</summary>
    public int RuleCount => _nextRuleId;

    public CompiledPolicy Compile(NetworkPolicy policy)
    {
        var ns = policy.Metadata.Namespace ?? "default";
        var reference = new PolicyRef(ns, policy.Metadata.Name ?? "");
        var spec = policy.Spec;
        var selected = _index.PodsIn(ns).Clone().IntersectWith(_index.MatchPods(spec.PodSelector ?? new LabelSelector()));

        var ingress = new List<CompiledRule>();
        for (var i = 0; i < (spec.Ingress?.Count ?? 0); i++)
        {
            var rule = spec.Ingress![i];
            ingress.Add(CompileRule(new RuleRef(reference, PolicyDirection.Ingress, i), ns, rule.From, rule.Ports));
        }

        var egress = new List<CompiledRule>();
        for (var i = 0; i < (spec.Egress?.Count ?? 0); i++)
        {
            var rule = spec.Egress![i];
            egress.Add(CompileRule(new RuleRef(reference, PolicyDirection.Egress, i), ns, rule.To, rule.Ports));
        }

        return new CompiledPolicy(
            reference,
            policy,
            selected,
            EffectivePolicyTypes.Isolates(spec, PolicyDirection.Ingress),
            EffectivePolicyTypes.Isolates(spec, PolicyDirection.Egress),
            ingress,
            egress);
    }

    private CompiledRule CompileRule(RuleRef reference, string ns, List<NetworkPolicyPeer>? peers, List<NetworkPolicyPort>? ports)
    {
        var selectorPeers = new PodSet(_capacity);
        var blocks = new List<CompiledIpBlock>();
        foreach (var peer in peers ?? [])
        {
            if (peer.IpBlock is { } block)
            {
                if (peer.PodSelector is null && peer.NamespaceSelector is null && CompileIpBlock(block) is { } compiled)
                {
                    blocks.Add(compiled);
                }
            }
            else if (peer.NamespaceSelector is { } nsSelector)
            {
                var pods = _index.PodsInNamespacesMatching(nsSelector);
                if (peer.PodSelector is { } podSelector)
                {
                    // namespaceSelector and podSelector in one peer: both must match (AND).
                    selectorPeers.UnionWithIntersection(pods, _index.MatchPods(podSelector));
                }
                else
                {
                    selectorPeers.UnionWith(pods);
                }
            }
            else if (peer.PodSelector is { } podSelector)
            {
                // A podSelector alone selects pods in the policy's own namespace.
                selectorPeers.UnionWithIntersection(_index.PodsIn(ns), _index.MatchPods(podSelector));
            }
        }

        var compiledPorts = new List<CompiledPort>();
        foreach (var port in ports ?? [])
        {
            if (CompilePort(port) is { } p)
            {
                compiledPorts.Add(p);
            }
        }

        return new CompiledRule(
            _nextRuleId++,
            reference,
            anyPeer: peers is null or { Count: 0 },
            selectorPeers,
            blocks,
            anyPort: ports is null or { Count: 0 },
            compiledPorts,
            peers ?? [],
            ports ?? []);
    }

    private static CompiledIpBlock? CompileIpBlock(IPBlock block)
    {
        if (!IpCidr.TryParse(block.Cidr, out var cidr, out _))
        {
            return null;
        }

        var except = new List<IpCidr>();
        foreach (var text in block.Except ?? [])
        {
            if (!IpCidr.TryParse(text, out var e, out _) || !cidr.StrictlyContains(e))
            {
                return null;
            }

            except.Add(e);
        }

        return new CompiledIpBlock(cidr, except);
    }

    private static CompiledPort? CompilePort(NetworkPolicyPort port)
    {
        if (!TransportProtocolNames.TryParse(port.Protocol ?? "TCP", ignoreCase: false, out var protocol))
        {
            return null;
        }

        return port.Port switch
        {
            null when port.EndPort is null => new CompiledPort(protocol, null, null, null),
            { IntValue: { } n } when n is >= 1 and <= 65535 && (port.EndPort ?? n) is var end && end >= n && end <= 65535 =>
                new CompiledPort(protocol, n, end, null),
            { StringValue: { } name } when port.EndPort is null && PortNames.IsValid(name) => new CompiledPort(protocol, null, null, name),
            _ => null,
        };
    }
}
