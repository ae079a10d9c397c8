namespace Netguard.Agent.Kernel;

/// <summary>Names of the tools the agent launches; absolute paths are not assumed so PATH decides.</summary>
public static class KernelTools
{
    public const string Tc = "tc";
    public const string Nft = "nft";
    public const string Ip = "ip";
}
