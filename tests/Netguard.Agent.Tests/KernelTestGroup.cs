namespace Netguard.Agent.Tests;

/// <summary>Kernel and traffic tests run one at a time: they share two CPU cores and measure timing.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class KernelTestGroup
{
    public const string Name = "kernel";
}
