namespace Netguard.Core.Kube.Config;

/// <summary>kubectl's connection flags (SPEC §7); a null/false value leaves the kubeconfig's setting alone.</summary>
public sealed record KubeConfigOverrides
{
    public string? Context { get; init; }
    public string? Cluster { get; init; }
    public string? User { get; init; }
    public string? Namespace { get; init; }
    public string? Token { get; init; }
    public string? Impersonate { get; init; }
    public IReadOnlyList<string> ImpersonateGroups { get; init; } = [];
    public string? Server { get; init; }
    public string? CertificateAuthority { get; init; }
    public bool InsecureSkipTlsVerify { get; init; }
    public string? TlsServerName { get; init; }

    /// <summary>--request-timeout as written: "0" (none), "30" (seconds) or a Go duration such as "1m30s".</summary>
    public string? RequestTimeout { get; init; }
}
