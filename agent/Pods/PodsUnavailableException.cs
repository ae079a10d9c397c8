namespace Netguard.Agent.Pods;

/// <summary>The pods of the node could not be had in time (the API server is unreachable or refuses).</summary>
public sealed class PodsUnavailableException : Exception
{
    public PodsUnavailableException()
    {
    }

    public PodsUnavailableException(string message)
        : base(message)
    {
    }

    public PodsUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
