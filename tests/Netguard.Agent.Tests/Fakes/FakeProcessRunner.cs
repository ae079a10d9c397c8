using Netguard.Agent.Kernel;

namespace Netguard.Agent.Tests.Fakes;

/// <summary>Answers tool launches from a table of (command-line prefix → result) and records every launch.</summary>
internal sealed class FakeProcessRunner : IProcessRunner
{
    private readonly List<(string Prefix, ProcessResult Result)> _answers = [];

    public List<string> Launches { get; } = [];

    public FakeProcessRunner On(string prefix, int exitCode, string stdout = "", string stderr = "")
    {
        _answers.Add((prefix, new ProcessResult(exitCode, stdout, stderr)));
        return this;
    }

    public Task<ProcessResult> RunAsync(string fileName, IReadOnlyList<string> arguments, string? standardInput, CancellationToken cancellationToken)
    {
        var line = fileName + " " + string.Join(' ', arguments);
        lock (Launches)
        {
            Launches.Add(line);
        }

        foreach (var (prefix, result) in _answers)
        {
            if (line.StartsWith(prefix, StringComparison.Ordinal))
            {
                return Task.FromResult(result);
            }
        }

        throw new KernelToolException($"cannot run {fileName}: not found (fake)");
    }
}
