using Netguard.Agent.Kernel;
using Netguard.Core.Qos;

namespace Netguard.Agent.Reconcile;

/// <summary>Plan → read the kernel → diff → apply only the differences (SPEC §6.3).</summary>
public sealed class Reconciler(IProcessRunner runner, TimeProvider time)
{
    private readonly KernelStateReader _reader = new(runner);
    private readonly KernelApplier _applier = new(runner);

    public async Task<ReconcileOutcome> ReconcileAsync(QosPlan plan, bool force, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var start = time.GetTimestamp();
        var state = await _reader.ReadAsync(plan.Device, cancellationToken);
        var changes = KernelDiff.Diff(plan, state, force);
        var writes = changes.Refusal is null ? await _applier.ApplyAsync(changes, cancellationToken) : 0;
        return new ReconcileOutcome(changes, KernelStateReader.Launches, writes, time.GetElapsedTime(start));
    }

    /// <summary>Reads the kernel again and lists what still differs (empty: the kernel matches the plan).</summary>
    public async Task<KernelChangeSet> VerifyAsync(QosPlan plan, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return KernelDiff.Diff(plan, await _reader.ReadAsync(plan.Device, cancellationToken), force: false);
    }
}
