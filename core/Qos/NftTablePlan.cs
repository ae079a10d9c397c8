namespace Netguard.Core.Qos;

/// <summary>The whole nftables table the agent owns (inet netguard): its sets and its one chain. Equality ignores declaration order.</summary>
public sealed record NftTablePlan(string Family, string Name, IReadOnlyList<NftSetPlan> Sets, IReadOnlyList<NftChainPlan> Chains)
{
    public const string TableFamily = "inet";
    public const string TableName = "netguard";

    public bool Equals(NftTablePlan? other) =>
        other is not null && Family == other.Family && Name == other.Name &&
        Sets.OrderBy(s => s.Name, StringComparer.Ordinal).SequenceEqual(other.Sets.OrderBy(s => s.Name, StringComparer.Ordinal)) &&
        Chains.OrderBy(c => c.Name, StringComparer.Ordinal).SequenceEqual(other.Chains.OrderBy(c => c.Name, StringComparer.Ordinal));

    public override int GetHashCode() => HashCode.Combine(Family, Name, Sets.Count, Chains.Count);
}
