using Netguard.Core.Qos;

namespace Netguard.Agent.Kernel;

/// <summary>
/// An HTB class as `tc -d class show` prints it. Rates stay in tc's text ("333333Kbit") because that
/// text is all the read-back tells; compare them with <see cref="TcRateText.Format"/>.
/// Inner classes print neither prio nor quantum.
/// </summary>
public sealed record TcClass(
    string Kind,
    TcHandle ClassId,
    TcHandle Parent,
    TcHandle? Leaf,
    int? Priority,
    int? Quantum,
    string? Rate,
    string? Ceil,
    int? Level,
    TcClassStats? Stats);
