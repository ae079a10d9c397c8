using Netguard.Core.Qos;

namespace Netguard.Agent.Kernel;

/// <summary>Reads the device's qdiscs, classes and the agent's table: three tool launches.</summary>
public sealed class KernelStateReader(IProcessRunner runner)
{
    public const int Launches = 3;

    public async Task<KernelState> ReadAsync(string device, CancellationToken cancellationToken)
    {
        // Independent reads: run them side by side.
        var qdiscs = runner.RunAsync(KernelTools.Tc, ["-j", "qdisc", "show", "dev", device], null, cancellationToken);
        var classes = runner.RunAsync(KernelTools.Tc, ["-s", "-d", "class", "show", "dev", device], null, cancellationToken);
        var table = runner.RunAsync(KernelTools.Nft, ["-j", "list", "table", NftTablePlan.TableFamily, NftTablePlan.TableName], null, cancellationToken);

        var q = await qdiscs;
        if (!q.Succeeded)
        {
            throw new KernelToolException($"tc qdisc show dev {device}: {q.FirstErrorLine}");
        }

        var c = await classes;
        if (!c.Succeeded)
        {
            throw new KernelToolException($"tc class show dev {device}: {c.FirstErrorLine}");
        }

        return new KernelState(device, TcQdiscJsonParser.Parse(q.StandardOutput, device), TcClassTextParser.Parse(c.StandardOutput),
            ParseTable(await table));
    }

    /// <summary>Every device whose root qdisc carries the agent's mark (for cleanup without --device).</summary>
    public async Task<IReadOnlyList<string>> OwnedDevicesAsync(CancellationToken cancellationToken)
    {
        var q = await runner.RunAsync(KernelTools.Tc, ["-j", "qdisc", "show"], null, cancellationToken);
        if (!q.Succeeded)
        {
            throw new KernelToolException($"tc qdisc show: {q.FirstErrorLine}");
        }

        return TcQdiscJsonParser.Parse(q.StandardOutput).Where(x => x.IsRoot && x.IsNetguard).Select(x => x.Device)
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
    }

    public async Task<bool> TableExistsAsync(CancellationToken cancellationToken) =>
        ParseTable(await runner.RunAsync(KernelTools.Nft, ["-j", "list", "table", NftTablePlan.TableFamily, NftTablePlan.TableName], null, cancellationToken)) is not null;

    public async Task<IReadOnlyList<TcClass>> ReadClassStatsAsync(string device, CancellationToken cancellationToken)
    {
        var c = await runner.RunAsync(KernelTools.Tc, ["-s", "class", "show", "dev", device], null, cancellationToken);
        return c.Succeeded ? TcClassTextParser.Parse(c.StandardOutput) : throw new KernelToolException($"tc class show dev {device}: {c.FirstErrorLine}");
    }

    private static NftTablePlan? ParseTable(ProcessResult result)
    {
        if (result.Succeeded)
        {
            return NftTableJsonParser.Parse(result.StandardOutput);
        }

        // nft says "No such file or directory" for a table that does not exist.
        return result.StandardError.Contains("No such file or directory", StringComparison.Ordinal)
            ? null
            : throw new KernelToolException($"nft list table {NftTablePlan.TableFamily} {NftTablePlan.TableName}: {result.FirstErrorLine}");
    }
}
