using Netguard.Agent.Kernel;

namespace Netguard.Bench.Agent;

/// <summary>Counts the tools a reconcile launches: reads (show/list) and writes (tc -batch, nft -f).</summary>
internal sealed class CountingRunner(IProcessRunner inner) : IProcessRunner
{
    public int Reads { get; private set; }

    public int Writes { get; private set; }

    public void Reset() => (Reads, Writes) = (0, 0);

    public Task<ProcessResult> RunAsync(string fileName, IReadOnlyList<string> arguments, string? standardInput, CancellationToken cancellationToken)
    {
        if (arguments.Contains("-batch") || arguments.Contains("-f"))
        {
            Writes++;
        }
        else
        {
            Reads++;
        }

        return inner.RunAsync(fileName, arguments, standardInput, cancellationToken);
    }
}
