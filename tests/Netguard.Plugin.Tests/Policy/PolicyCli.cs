using System.Runtime.CompilerServices;
using Netguard.Plugin.Cli;

namespace Netguard.Plugin.Tests.Policy;

/// <summary>Runs kubectl-netguard in-process from this folder, so manifest paths (and messages naming them) are relative.</summary>
internal static class PolicyCli
{
    public static string Directory([CallerFilePath] string caller = "") => Path.GetDirectoryName(caller)!;

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
            HomeDirectory = Path.Combine(Path.GetTempPath(), "netguard-test-home-none"),
            CurrentDirectory = Directory(),
        };
        var code = await NetguardCli.RunAsync(args, environment);
        return new CliResult(code, output.ToString(), error.ToString());
    }
}
