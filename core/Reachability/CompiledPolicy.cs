using Netguard.Core.Kube.Models;

namespace Netguard.Core.Reachability;

/// <summary>A NetworkPolicy with its selector evaluated: the pods it selects, its effective types, its rules.</summary>
internal sealed class CompiledPolicy
{
    public CompiledPolicy(
        PolicyRef reference,
        NetworkPolicy source,
        PodSet selected,
        bool isolatesIngress,
        bool isolatesEgress,
        IReadOnlyList<CompiledRule> ingress,
        IReadOnlyList<CompiledRule> egress)
    {
        Reference = reference;
        Source = source;
        Selected = selected;
        IsolatesIngress = isolatesIngress;
        IsolatesEgress = isolatesEgress;
        Ingress = ingress;
        Egress = egress;
    }

    public PolicyRef Reference { get; }

    public NetworkPolicy Source { get; }

    /// <summary>Pods of the policy's namespace that its podSelector matches (hostNetwork pods never).</summary>
    public PodSet Selected { get; }

    public bool IsolatesIngress { get; }

    public bool IsolatesEgress { get; }

    /// <summary>Ingress rules; they count only when <see cref="IsolatesIngress"/> (a stray section is ignored).</summary>
    public IReadOnlyList<CompiledRule> Ingress { get; }

    public IReadOnlyList<CompiledRule> Egress { get; }

    public bool Isolates(PolicyDirection direction) =>
        direction == PolicyDirection.Ingress ? IsolatesIngress : IsolatesEgress;

    public IReadOnlyList<CompiledRule> Rules(PolicyDirection direction) =>
        direction == PolicyDirection.Ingress ? Ingress : Egress;
}
