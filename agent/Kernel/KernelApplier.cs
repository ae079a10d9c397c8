namespace Netguard.Agent.Kernel;

/// <summary>Applies a change set: at most one `tc -batch -` and one `nft -f -`, so at most two launches.</summary>
public sealed class KernelApplier(IProcessRunner runner)
{
    /// <returns>The number of tools launched (0, 1 or 2).</returns>
    public async Task<int> ApplyAsync(KernelChangeSet changes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changes);
        if (changes.Refusal is not null)
        {
            throw new InvalidOperationException(changes.Refusal);
        }

        var launches = 0;
        if (changes.TcCommands.Count > 0)
        {
            launches++;
            var batch = string.Join('\n', changes.TcCommands) + "\n";
            var tc = await runner.RunAsync(KernelTools.Tc, ["-batch", "-"], batch, cancellationToken);
            if (!tc.Succeeded)
            {
                throw new KernelToolException($"tc -batch failed: {BatchError(tc, changes.TcCommands)}");
            }
        }

        if (changes.NftScript is not null)
        {
            launches++;
            var nft = await runner.RunAsync(KernelTools.Nft, ["-f", "-"], changes.NftScript, cancellationToken);
            if (!nft.Succeeded)
            {
                throw new KernelToolException($"nft -f failed: {nft.FirstErrorLine}");
            }
        }

        return launches;
    }

    /// <summary>tc names the failing batch line as "Command failed -:N"; put the command next to the kernel's reason.</summary>
    private static string BatchError(ProcessResult result, IReadOnlyList<string> commands)
    {
        var reason = result.FirstErrorLine;
        const string marker = "Command failed -:";
        var at = result.StandardError.IndexOf(marker, StringComparison.Ordinal);
        if (at >= 0)
        {
            var digits = new string(result.StandardError.AsSpan(at + marker.Length).ToArray().TakeWhile(char.IsAsciiDigit).ToArray());
            if (int.TryParse(digits, System.Globalization.CultureInfo.InvariantCulture, out var line) && line >= 1 && line <= commands.Count)
            {
                return $"{reason} (in \"{commands[line - 1]}\")";
            }
        }

        return reason;
    }
}
