namespace Netguard.Core.Qos;

/// <summary>The inputs cannot be planned (for example an unknown default class); the message is one line for the operator.</summary>
public sealed class QosPlanException : Exception
{
    public QosPlanException()
    {
    }

    public QosPlanException(string message)
        : base(message)
    {
    }

    public QosPlanException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
