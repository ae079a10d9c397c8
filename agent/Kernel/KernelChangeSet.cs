namespace Netguard.Agent.Kernel;

/// <summary>
/// What must change to make the kernel match a plan: tc batch lines, the nft script (null when the
/// table already matches), the reasons in words, and a refusal when someone else owns the root qdisc.
/// </summary>
public sealed record KernelChangeSet(IReadOnlyList<string> TcCommands, string? NftScript, IReadOnlyList<string> Reasons, string? Refusal)
{
    public bool IsEmpty => TcCommands.Count == 0 && NftScript is null && Refusal is null;

    public static KernelChangeSet Refused(string refusal) => new([], null, [refusal], refusal);
}
