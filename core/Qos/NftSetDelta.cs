namespace Netguard.Core.Qos;

/// <summary>Elements to take out of and put into one set.</summary>
public sealed record NftSetDelta(string Set, IReadOnlyList<string> Removed, IReadOnlyList<string> Added)
{
    public bool Equals(NftSetDelta? other) =>
        other is not null && Set == other.Set && Removed.SequenceEqual(other.Removed) && Added.SequenceEqual(other.Added);

    public override int GetHashCode() => HashCode.Combine(Set, Removed.Count, Added.Count);
}
