using Netguard.Plugin.Cli;

namespace Netguard.Plugin.Tests.Tc;

/// <summary>Runs kubectl-netguard in-process like <see cref="CliRunner"/>, with a given clock and optionally a colour terminal.</summary>
internal static class ClockedCli
{
    public static async Task<CliResult> RunAsync(string[] args, TimeProvider time, string stdin = "", bool terminal = false, string? currentDirectory = null)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        using var input = new StringReader(stdin);
        var environment = new CliEnvironment
        {
            Out = output,
            Error = error,
            In = input,
            GetEnvironmentVariable = _ => null,
            HomeDirectory = Path.Combine(Path.GetTempPath(), "netguard-test-home-none"),
            CurrentDirectory = currentDirectory ?? Environment.CurrentDirectory,
            OutputIsTerminal = terminal,
            Time = time,
        };
        var code = await NetguardCli.RunAsync(args, environment);
        return new CliResult(code, output.ToString(), error.ToString());
    }
}
