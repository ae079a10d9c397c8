namespace Netguard.Core.Reachability;

/// <summary>A probe that cannot be answered as asked (a port name the destination lacks, mixed address families).</summary>
public sealed class ReachabilityException : Exception
{
    public ReachabilityException()
    {
    }

    public ReachabilityException(string message)
        : base(message)
    {
    }

    public ReachabilityException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
