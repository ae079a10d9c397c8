using Netguard.Core.Qos;

namespace Netguard.Agent.Kernel;

/// <summary>A qdisc as `tc -j qdisc show` reports it; <see cref="Options"/> holds scalar options as text ("limit" → "131072").</summary>
public sealed record TcQdisc(string Device, string Kind, TcHandle Handle, TcHandle? Parent, bool IsRoot, IReadOnlyDictionary<string, string> Options)
{
    /// <summary>The kernel's own default root qdisc (noqueue, pfifo_fast, mq, fq_codel, …) has handle 0:.</summary>
    public bool IsKernelDefault => Handle.Major == 0;

    public bool IsNetguard => Handle == TcHandle.NetguardRoot;
}
