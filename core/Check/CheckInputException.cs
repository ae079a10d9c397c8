namespace Netguard.Core.Check;

/// <summary>An object `check` cannot judge: not a Kubernetes object, or a field of the wrong shape. The message is one line that names the origin.</summary>
public sealed class CheckInputException : Exception
{
    public CheckInputException()
    {
    }

    public CheckInputException(string message)
        : base(message)
    {
    }

    public CheckInputException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
