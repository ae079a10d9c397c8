namespace Netguard.Core.Kube.Config;

/// <summary>A kubeconfig <c>contexts[].context</c> entry.</summary>
public sealed record KubeConfigContext
{
    public required string Name { get; init; }
    public KubeConfigOrigin Origin { get; init; } = KubeConfigOrigin.None;
    public string? Cluster { get; init; }
    public string? User { get; init; }
    public string? Namespace { get; init; }
}
