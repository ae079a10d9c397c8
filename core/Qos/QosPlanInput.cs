using Netguard.Core.Config;
using Netguard.Core.Kube.Models;

namespace Netguard.Core.Qos;

/// <summary>Everything the planner needs; nothing else influences the plan.</summary>
public sealed record QosPlanInput(
    QosConfig Config,
    IReadOnlyList<Pod> Pods,
    string Device,
    long LinkBitsPerSecond,
    KernelCapabilities Capabilities)
{
    /// <summary>Device MTU; the smallest sensible HTB quantum is one full frame.</summary>
    public int Mtu { get; init; } = 1500;
}
