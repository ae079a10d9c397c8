namespace Netguard.Core.Qos;

/// <summary>A base chain: "type filter hook postrouting priority -150; policy accept;" and its rules in order.</summary>
public sealed record NftChainPlan(string Name, string Type, string Hook, int Priority, string Policy, IReadOnlyList<NftRulePlan> Rules)
{
    public bool Equals(NftChainPlan? other) =>
        other is not null && Name == other.Name && Type == other.Type && Hook == other.Hook &&
        Priority == other.Priority && Policy == other.Policy && Rules.SequenceEqual(other.Rules);

    public override int GetHashCode() => HashCode.Combine(Name, Hook, Priority, Rules.Count);
}
