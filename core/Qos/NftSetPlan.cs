namespace Netguard.Core.Qos;

/// <summary>A named nftables set: ipv4_addr, ipv6_addr or inet_service, with its elements in nft's canonical spelling, sorted.</summary>
public sealed record NftSetPlan(string Name, string Type, IReadOnlyList<string> Elements)
{
    public bool Equals(NftSetPlan? other) =>
        other is not null && Name == other.Name && Type == other.Type && Elements.SequenceEqual(other.Elements);

    public override int GetHashCode() => HashCode.Combine(Name, Type, Elements.Count);
}
