using Netguard.Agent.Kernel;
using Netguard.Core.Qos;

namespace Netguard.Agent.Reconcile;

/// <summary>
/// `netguard-agent cleanup`: deletes the agent's root qdisc (only where it carries the 6e67: mark) and
/// its nft table. Nothing else is touched: a foreign root qdisc stays.
/// </summary>
public sealed class AgentCleanup(IProcessRunner runner)
{
    private readonly KernelStateReader _reader = new(runner);

    /// <returns>What was removed, in words.</returns>
    public async Task<IReadOnlyList<string>> CleanupAsync(string? device, CancellationToken cancellationToken)
    {
        var removed = new List<string>();
        IReadOnlyList<string> devices;
        if (device is null)
        {
            devices = await _reader.OwnedDevicesAsync(cancellationToken);
        }
        else
        {
            var state = await _reader.ReadAsync(device, cancellationToken);
            devices = state.Root is { IsNetguard: true } ? [device] : [];
        }

        if (devices.Count > 0)
        {
            var batch = string.Join('\n', devices.Select(TcCommandWriter.DeleteRoot)) + "\n";
            var tc = await runner.RunAsync(KernelTools.Tc, ["-batch", "-"], batch, cancellationToken);
            if (!tc.Succeeded)
            {
                throw new KernelToolException($"tc -batch failed: {tc.FirstErrorLine}");
            }

            removed.AddRange(devices.Select(d => $"root qdisc {TcHandle.NetguardRoot} on {d}"));
        }

        if (await _reader.TableExistsAsync(cancellationToken))
        {
            var nft = await runner.RunAsync(KernelTools.Nft, ["-f", "-"], NftScriptWriter.Delete(), cancellationToken);
            if (!nft.Succeeded)
            {
                throw new KernelToolException($"nft -f failed: {nft.FirstErrorLine}");
            }

            removed.Add($"nft table {NftTablePlan.TableFamily} {NftTablePlan.TableName}");
        }

        return removed;
    }
}
