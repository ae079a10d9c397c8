namespace Netguard.Core.Qos;

/// <summary>Compares a kernel table with the planned one: equal, different only in set elements, or different in structure.</summary>
public static class NftTableDiff
{
    /// <summary>
    /// The element changes that turn <paramref name="current"/> into <paramref name="desired"/> when both have the
    /// same sets (names and types) and the same chains and rules; null when anything else differs.
    /// </summary>
    public static IReadOnlyList<NftSetDelta>? ElementDeltas(NftTablePlan current, NftTablePlan desired)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(desired);
        if (current.Family != desired.Family || current.Name != desired.Name || current.Sets.Count != desired.Sets.Count ||
            !current.Chains.OrderBy(c => c.Name, StringComparer.Ordinal).SequenceEqual(desired.Chains.OrderBy(c => c.Name, StringComparer.Ordinal)))
        {
            return null;
        }

        var byName = current.Sets.GroupBy(s => s.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var deltas = new List<NftSetDelta>();
        foreach (var want in desired.Sets)
        {
            if (!byName.TryGetValue(want.Name, out var have) || have.Type != want.Type)
            {
                return null;
            }

            var removed = have.Elements.Except(want.Elements, StringComparer.Ordinal).ToList();
            var added = want.Elements.Except(have.Elements, StringComparer.Ordinal).ToList();
            if (removed.Count > 0 || added.Count > 0)
            {
                deltas.Add(new NftSetDelta(want.Name, removed, added));
            }
        }

        return deltas;
    }
}
