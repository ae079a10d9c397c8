using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using Netguard.Testing;
using Shouldly;

namespace Netguard.Plugin.Tests.Cli;

/// <summary>
/// The built kubectl-netguard stopped by a signal while it waits on an API server that never answers: one line,
/// exit 128 + the signal, no stack trace (SPEC §7: errors are one clear line).
/// </summary>
public sealed partial class SignalTests
{
    private const int Sigterm = 15;

    [Fact]
    public async Task Run_SigtermWhileWaitingOnTheServer_OneLineAndExit143()
    {
        if (!OperatingSystem.IsLinux())
        {
            return; // kill(2) and the exit-status convention are POSIX; the runner is Linux.
        }

        using var server = new TcpListener(IPAddress.Loopback, 0);
        server.Start();
        var port = ((IPEndPoint)server.LocalEndpoint).Port;
        TcpClient? held = null;

        // Accepted and never answered: the request is in flight when the signal comes.
        await RunUntilSigtermAsync(
            async () => held = await server.AcceptTcpClientAsync().WaitAsync(TimeSpan.FromSeconds(30)),
            "version", "-s", $"http://127.0.0.1:{port}");
        held?.Dispose();
    }

    [Fact]
    public async Task Run_SigtermWhileReadingAnOpenStdin_EndsAfterTheGracePeriodWithOneLine()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        // Reading standard input does not see the cancellation; stdin stays open, so only the signal can end it.
        await RunUntilSigtermAsync(WhenHandlersRegisteredAsync, "check", "-f", "-");
    }

    /// <summary>Starts the plugin, waits for <paramref name="ready"/>, sends SIGTERM and checks how it ended.</summary>
    private static async Task RunUntilSigtermAsync(Func<Process, Task> ready, params string[] args)
    {
        using var process = Start(args);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            await ready(process);
            Kill(process.Id, Sigterm).ShouldBe(0);
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        (await stderr).ShouldBe("error: interrupted" + Environment.NewLine);
        process.ExitCode.ShouldBe(128 + Sigterm);
        (await stdout).ShouldBeEmpty();
    }

    private static Task RunUntilSigtermAsync(Func<Task> ready, params string[] args) => RunUntilSigtermAsync(_ => ready(), args);

    // Program.cs registers its handlers before the CLI is built: System.CommandLine mapped means they are in place.
    private static async Task WhenHandlersRegisteredAsync(Process process)
    {
        var maps = $"/proc/{process.Id}/maps";
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!File.ReadAllText(maps).Contains("System.CommandLine.dll", StringComparison.Ordinal) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        await Task.Delay(200); // and the command has reached the read
    }

    private static Process Start(params string[] args)
    {
        var info = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(PluginDll());
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        return Process.Start(info)!;
    }

    // The plugin's own build output (bin/CONFIGURATION/TFM, like this test's): the copy beside the tests lacks the
    // assemblies the test project gets from the ASP.NET Core framework.
    private static string PluginDll()
    {
        var tfm = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var dll = RepositoryFiles.Path("plugin", "bin", tfm.Parent!.Name, tfm.Name, "kubectl-netguard.dll");
        File.Exists(dll).ShouldBeTrue($"the plugin is built by this project's reference: {dll}");
        return dll;
    }

    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
