namespace Netguard.Core.Kube.Client;

/// <summary>Options of delete.</summary>
public sealed record DeleteOptions
{
    /// <summary>Orphan, Background or Foreground.</summary>
    public string? PropagationPolicy { get; init; }

    public long? GracePeriodSeconds { get; init; }

    public bool DryRun { get; init; }
}
