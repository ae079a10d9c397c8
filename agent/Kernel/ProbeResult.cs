using Netguard.Core.Qos;

namespace Netguard.Agent.Kernel;

/// <summary>What the probe found; <see cref="Note"/> says why it fell back when it could not probe.</summary>
public sealed record ProbeResult(KernelCapabilities Capabilities, string NftVersion, string? Note);
