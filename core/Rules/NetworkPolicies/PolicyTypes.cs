using Netguard.Core.Kube.Models;

namespace Netguard.Core.Rules.NetworkPolicies;

/// <summary>A policy's effective policyTypes: as written, or (absent/empty) Ingress plus Egress when egress rules exist.</summary>
public static class PolicyTypes
{
    public const string Ingress = "Ingress";
    public const string Egress = "Egress";

    public static bool IsExplicit(NetworkPolicySpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return spec.PolicyTypes is { Count: > 0 };
    }

    public static bool AppliesToIngress(NetworkPolicySpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return IsExplicit(spec) ? spec.PolicyTypes!.Contains(Ingress, StringComparer.Ordinal) : true;
    }

    public static bool AppliesToEgress(NetworkPolicySpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return IsExplicit(spec) ? spec.PolicyTypes!.Contains(Egress, StringComparer.Ordinal) : spec.Egress is { Count: > 0 };
    }
}
