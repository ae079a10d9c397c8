using Netguard.Core.Kube.Models;

namespace Netguard.Core.Reachability;

/// <summary>
/// The policyTypes a policy has after API defaulting: as written when present and non-empty; otherwise
/// Ingress always, plus Egress when the policy has egress rules.
/// </summary>
public static class EffectivePolicyTypes
{
    public static bool Isolates(NetworkPolicySpec spec, PolicyDirection direction)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (spec.PolicyTypes is { Count: > 0 } types)
        {
            return types.Contains(direction == PolicyDirection.Ingress ? "Ingress" : "Egress", StringComparer.Ordinal);
        }

        return direction == PolicyDirection.Ingress || spec.Egress is { Count: > 0 };
    }
}
