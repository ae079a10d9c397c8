using System.Runtime.CompilerServices;

namespace Netguard.Plugin.Tests.Policy;

/// <summary>Runs kubectl-netguard in-process from this folder, so manifest paths (and messages naming them) are relative.</summary>
internal static class PolicyCli
{
    public static string Directory([CallerFilePath] string caller = "") => Path.GetDirectoryName(caller)!;

    public static Task<CliResult> RunAsync(string[] args, string stdin = "", IReadOnlyDictionary<string, string>? env = null) =>
        CliRunner.RunAsync(args, stdin, env, currentDirectory: Directory());
}
