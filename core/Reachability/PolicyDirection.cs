namespace Netguard.Core.Reachability;

/// <summary>The two directions a NetworkPolicy can isolate (its policyTypes).</summary>
public enum PolicyDirection
{
    Ingress,
    Egress,
}
