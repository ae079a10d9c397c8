namespace Netguard.Core.Reachability;

/// <summary>Names a few pods concretely and counts the rest: <c>shop/a, shop/b and 3 more</c>.</summary>
public static class PodListText
{
    public static string Format(IEnumerable<PodEndpoint> pods, int show = 3)
    {
        ArgumentNullException.ThrowIfNull(pods);
        var list = pods.Select(p => p.Key).ToList();
        if (list.Count <= show)
        {
            return list.Count switch
            {
                0 => "no pods",
                1 => list[0],
                _ => string.Join(", ", list.Take(list.Count - 1)) + " and " + list[^1],
            };
        }

        return string.Join(", ", list.Take(show)) + $" and {list.Count - show} more";
    }
}
