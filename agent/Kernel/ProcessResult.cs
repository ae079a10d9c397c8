namespace Netguard.Agent.Kernel;

/// <summary>How a launched tool ended: its exit code and everything it printed.</summary>
public sealed record ProcessResult(int ExitCode, string StandardOutput, string StandardError)
{
    public bool Succeeded => ExitCode == 0;

    /// <summary>The first non-empty line of stderr (else stdout): tc and nft put the reason there.</summary>
    public string FirstErrorLine =>
        (StandardError + "\n" + StandardOutput).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .FirstOrDefault() ?? $"exit code {ExitCode}";
}
