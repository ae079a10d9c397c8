namespace Netguard.Plugin.Cli;

/// <summary>What every command gets: the process environment and the shared kubectl flags.</summary>
public sealed class CliContext
{
    public CliContext(CliEnvironment environment, KubeFlags flags)
    {
        Environment = environment;
        Flags = flags;
        KubeClients = new KubeClientFactory(environment, flags);
    }

    public CliEnvironment Environment { get; }

    public KubeFlags Flags { get; }

    /// <summary>Builds Kubernetes clients from the kubectl flags of a parse result.</summary>
    public KubeClientFactory KubeClients { get; }

    public TextWriter Out => Environment.Out;

    public TextWriter Error => Environment.Error;
}
