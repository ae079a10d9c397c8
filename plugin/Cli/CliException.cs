namespace Netguard.Plugin.Cli;

/// <summary>An error to print as one line and exit with <see cref="ExitCode"/>; never a stack trace.</summary>
public sealed class CliException : Exception
{
    public CliException()
        : this("error")
    {
    }

    public CliException(string message)
        : this(message, ExitCodes.Input)
    {
    }

    public CliException(string message, Exception innerException)
        : base(message, innerException)
    {
        ExitCode = ExitCodes.Input;
    }

    public CliException(string message, int exitCode)
        : base(message)
    {
        ExitCode = exitCode;
    }

    public int ExitCode { get; }

    public static CliException Input(string message) => new(message, ExitCodes.Input);

    public static CliException Api(string message) => new(message, ExitCodes.Api);
}
