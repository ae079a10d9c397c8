namespace Netguard.Agent.Tests.Netns;

/// <summary>A test on real tc/nft in network namespaces; skipped with the reason where the machine cannot run it.</summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class KernelFactAttribute : FactAttribute
{
    public KernelFactAttribute()
    {
        if (HostTools.KernelTestProblem() is { } problem)
        {
            Skip = problem;
        }
    }
}
