namespace Netguard.Plugin.Cli;

/// <summary>
/// Everything the CLI touches outside its arguments, so tests can run commands in-process:
/// standard streams, environment variables, whether stdout is a terminal, the home directory, the clock.
/// </summary>
public sealed class CliEnvironment
{
    public required TextWriter Out { get; init; }

    public required TextWriter Error { get; init; }

    public required TextReader In { get; init; }

    public required Func<string, string?> GetEnvironmentVariable { get; init; }

    public bool OutputIsTerminal { get; init; }

    /// <summary>Whether stdin is a terminal (exec credential plugins may then prompt the user).</summary>
    public bool InputIsTerminal { get; init; }

    public string HomeDirectory { get; init; } = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);

    public string CurrentDirectory { get; init; } = Environment.CurrentDirectory;

    /// <summary>The clock (report timestamps, certificate validity, how old an agent's status is); tests pass a manual one.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Colour only on a terminal and never with NO_COLOR (https://no-color.org).</summary>
    public bool UseColor => OutputIsTerminal && string.IsNullOrEmpty(GetEnvironmentVariable("NO_COLOR"));

    public static CliEnvironment FromProcess() => new()
    {
        Out = Console.Out,
        Error = Console.Error,
        In = Console.In,
        GetEnvironmentVariable = Environment.GetEnvironmentVariable,
        OutputIsTerminal = !Console.IsOutputRedirected,
        InputIsTerminal = !Console.IsInputRedirected,
    };
}
