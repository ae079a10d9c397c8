namespace Netguard.Webhook.Hosting;

/// <summary>The webhook cannot start with the options given; the message is one line for stderr (exit code 2).</summary>
public sealed class StartupException : Exception
{
    public StartupException()
    {
    }

    public StartupException(string message)
        : base(message)
    {
    }

    public StartupException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
