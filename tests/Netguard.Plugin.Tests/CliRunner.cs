using Netguard.Plugin.Cli;

namespace Netguard.Plugin.Tests;

/// <summary>Runs kubectl-netguard in-process with captured streams and a controlled environment.</summary>
public static class CliRunner
{
    /// <param name="env">The environment variables the CLI sees (none by default).</param>
    /// <param name="currentDirectory">Where relative paths resolve (the test process's by default).</param>
    /// <param name="homeDirectory">HOME: this, else <paramref name="env"/>'s HOME, else a directory that does not exist.</param>
    /// <param name="time">The clock (the system's by default).</param>
    /// <param name="terminal">Whether stdout counts as a terminal (colour).</param>
    public static async Task<CliResult> RunAsync(
        string[] args,
        string stdin = "",
        IReadOnlyDictionary<string, string>? env = null,
        string? currentDirectory = null,
        string? homeDirectory = null,
        TimeProvider? time = null,
        bool terminal = false)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        using var input = new StringReader(stdin);
        var environment = new CliEnvironment
        {
            Out = output,
            Error = error,
            In = input,
            GetEnvironmentVariable = name => env is not null && env.TryGetValue(name, out var v) ? v : null,
            HomeDirectory = homeDirectory
                ?? (env is not null && env.TryGetValue("HOME", out var home) ? home : Path.Combine(Path.GetTempPath(), "netguard-test-home-none")),
            CurrentDirectory = currentDirectory ?? Environment.CurrentDirectory,
            OutputIsTerminal = terminal,
            Time = time ?? TimeProvider.System,
        };
        var code = await NetguardCli.RunAsync(args, environment);
        return new CliResult(code, output.ToString(), error.ToString());
    }
}

public sealed record CliResult(int ExitCode, string Stdout, string Stderr);
