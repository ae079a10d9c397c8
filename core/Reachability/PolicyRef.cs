namespace Netguard.Core.Reachability;

/// <summary>A NetworkPolicy by namespace and name; prints as <c>ns/name</c>.</summary>
public readonly record struct PolicyRef(string Namespace, string Name) : IComparable<PolicyRef>
{
    public override string ToString() => $"{Namespace}/{Name}";

    public int CompareTo(PolicyRef other)
    {
        var c = string.CompareOrdinal(Namespace, other.Namespace);
        return c != 0 ? c : string.CompareOrdinal(Name, other.Name);
    }

    public static bool operator <(PolicyRef left, PolicyRef right) => left.CompareTo(right) < 0;

    public static bool operator <=(PolicyRef left, PolicyRef right) => left.CompareTo(right) <= 0;

    public static bool operator >(PolicyRef left, PolicyRef right) => left.CompareTo(right) > 0;

    public static bool operator >=(PolicyRef left, PolicyRef right) => left.CompareTo(right) >= 0;
}
