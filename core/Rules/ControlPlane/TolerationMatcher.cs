using Netguard.Core.Kube.Models;

namespace Netguard.Core.Rules.ControlPlane;

/// <summary>Kubernetes' Toleration.ToleratesTaint: effect, key, then value by operator.</summary>
public static class TolerationMatcher
{
    public static bool Tolerates(Toleration toleration, string taintKey, string? taintValue, string taintEffect)
    {
        ArgumentNullException.ThrowIfNull(toleration);

        // An empty effect tolerates every effect; an empty key (only valid with Exists) every key.
        if (!string.IsNullOrEmpty(toleration.Effect) && toleration.Effect != taintEffect)
        {
            return false;
        }

        if (!string.IsNullOrEmpty(toleration.Key) && toleration.Key != taintKey)
        {
            return false;
        }

        return toleration.Operator switch
        {
            null or "" or "Equal" => (toleration.Value ?? "") == (taintValue ?? ""),
            "Exists" => true,
            _ => false,
        };
    }

    /// <summary>Same toleration (operator "" and "Equal" are the same thing).</summary>
    public static bool SameAs(Toleration a, Toleration b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return (a.Key ?? "") == (b.Key ?? "")
            && NormalOperator(a) == NormalOperator(b)
            && (a.Value ?? "") == (b.Value ?? "")
            && (a.Effect ?? "") == (b.Effect ?? "")
            && a.TolerationSeconds == b.TolerationSeconds;
    }

    private static string NormalOperator(Toleration t) => string.IsNullOrEmpty(t.Operator) ? "Equal" : t.Operator;
}
