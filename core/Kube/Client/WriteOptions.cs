namespace Netguard.Core.Kube.Client;

/// <summary>Options of create, update and patch.</summary>
public sealed record WriteOptions
{
    public string? FieldManager { get; init; }

    /// <summary>Validate and run admission, but persist nothing (dryRun=All).</summary>
    public bool DryRun { get; init; }
}
