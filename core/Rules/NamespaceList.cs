namespace Netguard.Core.Rules;

/// <summary>Namespace lists in the config: exact names, and "*" for every namespace.</summary>
public static class NamespaceList
{
    public static bool Contains(IEnumerable<string>? list, string ns) =>
        list is not null && list.Any(n => n == "*" || string.Equals(n, ns, StringComparison.Ordinal));

    /// <summary>For filters where an empty (or absent) list means "every namespace".</summary>
    public static bool ContainsOrEmpty(IReadOnlyCollection<string>? list, string ns) =>
        list is null || list.Count == 0 || Contains(list, ns);
}
