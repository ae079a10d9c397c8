namespace Netguard.Core.Qos;

/// <summary>
/// A match expression "LEFT OP RIGHT": left is "meta oifname", "meta nfproto", "ip saddr", "ip6 saddr",
/// "tcp dport" or "tcp sport"; right is a value or "@set". Quoted right sides are strings (interface names).
/// </summary>
public sealed record NftMatch(string Left, string Op, string Right, bool Quoted = false)
{
    public string ToNft() => (Op == "==" ? $"{Left} " : $"{Left} {Op} ") + (Quoted ? $"\"{Right}\"" : Right);

    /// <summary>Spelling-independent form, equal for a planned rule and the same rule read back from `nft -j`.</summary>
    public string Canonical => $"{Left} {Op} {Right}";
}
