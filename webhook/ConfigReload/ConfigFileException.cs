namespace Netguard.Webhook.ConfigReload;

/// <summary>The config file cannot be read or is invalid; the message is one line listing every problem.</summary>
public sealed class ConfigFileException : Exception
{
    public ConfigFileException()
    {
    }

    public ConfigFileException(string message)
        : base(message)
    {
    }

    public ConfigFileException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
