using System.Globalization;

namespace Netguard.Core.Qos;

/// <summary>
/// One rule of the postrouting chain: matches, then optionally "meta priority set CLASSID" and
/// "ip/ip6 dscp set N", then a verdict.
/// </summary>
public sealed record NftRulePlan(IReadOnlyList<NftMatch> Matches, TcHandle? Priority, string? DscpFamily, int? Dscp, string Verdict)
{
    public string ToNft()
    {
        var parts = Matches.Select(m => m.ToNft()).ToList();
        if (Priority is { } p)
        {
            parts.Add($"meta priority set {p}");
        }

        if (Dscp is { } d)
        {
            parts.Add($"{DscpFamily} dscp set {DscpCodePoint.Format(d)}");
        }

        parts.Add(Verdict);
        return string.Join(' ', parts);
    }

    /// <summary>
    /// A normalised text form: the agent reads the kernel's rules back as JSON and rewrites them into
    /// this same form, so equal rules compare equal whatever spelling nft chose (cs6 vs 48, quoting).
    /// </summary>
    public string Canonical
    {
        get
        {
            var parts = Matches.Select(m => m.Canonical).ToList();
            if (Priority is { } p)
            {
                parts.Add($"meta priority set {p}");
            }

            if (Dscp is { } d)
            {
                parts.Add($"{DscpFamily} dscp set {d.ToString(CultureInfo.InvariantCulture)}");
            }

            parts.Add(Verdict);
            return string.Join(" ; ", parts);
        }
    }

    public bool Equals(NftRulePlan? other) => other is not null && Canonical == other.Canonical;

    public override int GetHashCode() => Canonical.GetHashCode(StringComparison.Ordinal);
}
