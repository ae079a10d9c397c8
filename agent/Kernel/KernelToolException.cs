namespace Netguard.Agent.Kernel;

/// <summary>A kernel tool could not be run or refused a command; the message is one line for the operator.</summary>
public sealed class KernelToolException : Exception
{
    public KernelToolException()
    {
    }

    public KernelToolException(string message)
        : base(message)
    {
    }

    public KernelToolException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
