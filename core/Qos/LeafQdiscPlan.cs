using System.Globalization;

namespace Netguard.Core.Qos;

/// <summary>The qdisc under an HTB leaf class: its kind and the numeric options the agent sets (and checks on read-back).</summary>
public sealed record LeafQdiscPlan(string Kind, IReadOnlyList<KeyValuePair<string, long>> Options)
{
    /// <summary>tc(8) arguments after "qdisc add dev D parent X": "fq_codel", "bfifo limit 250000".</summary>
    public string ToTcArguments() =>
        Options.Count == 0
            ? Kind
            : Kind + " " + string.Join(' ', Options.Select(o => o.Key + " " + o.Value.ToString(CultureInfo.InvariantCulture)));

    public bool Equals(LeafQdiscPlan? other) =>
        other is not null && Kind == other.Kind && Options.SequenceEqual(other.Options);

    public override int GetHashCode() => HashCode.Combine(Kind, Options.Count);
}
