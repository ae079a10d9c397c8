namespace Netguard.Core.Kube.Config;

/// <summary>A kubeconfig <c>users[].user</c> (AuthInfo) entry. File paths are already absolute.</summary>
public sealed record KubeConfigUser
{
    public required string Name { get; init; }
    public KubeConfigOrigin Origin { get; init; } = KubeConfigOrigin.None;
    public string? ClientCertificate { get; init; }
    public byte[]? ClientCertificateData { get; init; }
    public string? ClientKey { get; init; }
    public byte[]? ClientKeyData { get; init; }
    public string? Token { get; init; }
    public string? TokenFile { get; init; }
    public string? Username { get; init; }
    public string? Password { get; init; }
    public string? Impersonate { get; init; }
    public IReadOnlyList<string> ImpersonateGroups { get; init; } = [];
    public KubeExecConfig? Exec { get; init; }

    /// <summary>Name of an auth-provider (gcp, azure, oidc): removed from kubectl, not supported here.</summary>
    public string? AuthProvider { get; init; }
}
