namespace Netguard.Agent.Hosting;

/// <summary>Exit codes of netguard-agent.</summary>
public static class AgentExitCodes
{
    /// <summary>Done; with --once the kernel matches the plan.</summary>
    public const int Ok = 0;

    /// <summary>The kernel does not match the plan: a foreign root qdisc, a tool failed, the device is missing.</summary>
    public const int NotConverged = 1;

    /// <summary>Bad flags, config, or pods file.</summary>
    public const int Usage = 2;

    /// <summary>The Kubernetes API cannot be used (kubeconfig, connection, permissions).</summary>
    public const int Api = 3;
}
