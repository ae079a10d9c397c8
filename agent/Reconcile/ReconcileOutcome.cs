using Netguard.Agent.Kernel;

namespace Netguard.Agent.Reconcile;

/// <summary>One reconcile: what differed, how many tools it launched to read and to write, and how long it took.</summary>
public sealed record ReconcileOutcome(KernelChangeSet Changes, int ReadLaunches, int WriteLaunches, TimeSpan Duration)
{
    public bool Changed => WriteLaunches > 0;

    public bool Refused => Changes.Refusal is not null;
}
