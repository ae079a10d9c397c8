namespace Netguard.Agent.Tests.Netns;

/// <summary>A test that also sends real traffic (iperf3, sockperf) through the namespaces.</summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class TrafficFactAttribute : FactAttribute
{
    public TrafficFactAttribute()
    {
        if (HostTools.KernelTestProblem("iperf3", "sockperf") is { } problem)
        {
            Skip = problem;
        }
    }
}
