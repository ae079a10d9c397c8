using Netguard.Plugin.Cli;

namespace Netguard.Plugin.Tests;

/// <summary>Runs kubectl-netguard in-process with captured streams and a controlled environment.</summary>
public static class CliRunner
{
    public static async Task<CliResult> RunAsync(string[] args, string stdin = "", IReadOnlyDictionary<string, string>? env = null)
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
            HomeDirectory = env is not null && env.TryGetValue("HOME", out var home) ? home : Path.Combine(Path.GetTempPath(), "netguard-test-home-none"),
        };
        var code = await NetguardCli.RunAsync(args, environment);
        return new CliResult(code, output.ToString(), error.ToString());
    }
}

public sealed record CliResult(int ExitCode, string Stdout, string Stderr);
