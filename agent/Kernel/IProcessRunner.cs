namespace Netguard.Agent.Kernel;

/// <summary>Launches a tool (tc, nft, ip) and waits for it. Behind an interface so plans and diffs are testable without root.</summary>
public interface IProcessRunner
{
    /// <summary>Runs <paramref name="fileName"/> with <paramref name="arguments"/>, feeding <paramref name="standardInput"/> when given.</summary>
    /// <exception cref="KernelToolException">The tool could not be started (not installed, not executable).</exception>
    Task<ProcessResult> RunAsync(string fileName, IReadOnlyList<string> arguments, string? standardInput, CancellationToken cancellationToken);
}
