using System.Diagnostics;

namespace Netguard.Agent.Tests.Netns;

/// <summary>Runs set-up commands through bash; test plumbing only, never the code under test.</summary>
internal static class Sh
{
    public static (int ExitCode, string Output) TryRun(string command, string? stdin = null, TimeSpan? timeout = null)
    {
        var info = new ProcessStartInfo("bash", ["-c", command])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = stdin is not null,
            UseShellExecute = false,
        };
        using var p = Process.Start(info)!;
        if (stdin is not null)
        {
            p.StandardInput.Write(stdin);
            p.StandardInput.Close();
        }

        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(timeout ?? TimeSpan.FromMinutes(2)))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"timed out: {command}");
        }

        return (p.ExitCode, stdout.Result + stderr.Result);
    }

    public static string Run(string command, string? stdin = null, TimeSpan? timeout = null)
    {
        var (code, output) = TryRun(command, stdin, timeout);
        return code == 0 ? output : throw new InvalidOperationException($"`{command}` failed ({code}): {output.Trim()}");
    }
}
