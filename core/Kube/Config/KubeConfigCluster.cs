using System.Text.Json.Nodes;

namespace Netguard.Core.Kube.Config;

/// <summary>A kubeconfig <c>clusters[].cluster</c> entry. File paths are already absolute (resolved against the defining file).</summary>
public sealed record KubeConfigCluster
{
    public required string Name { get; init; }
    public KubeConfigOrigin Origin { get; init; } = KubeConfigOrigin.None;
    public string? Server { get; init; }
    public string? CertificateAuthority { get; init; }
    public byte[]? CertificateAuthorityData { get; init; }
    public bool InsecureSkipTlsVerify { get; init; }
    public string? TlsServerName { get; init; }
    public string? ProxyUrl { get; init; }

    /// <summary>The <c>client.authentication.k8s.io/exec</c> extension: passed to exec plugins as spec.cluster.config.</summary>
    public JsonNode? ExecExtension { get; init; }
}
