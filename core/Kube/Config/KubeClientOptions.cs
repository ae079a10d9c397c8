using System.Text.Json.Nodes;

namespace Netguard.Core.Kube.Config;

/// <summary>
/// Everything a <see cref="Client.KubeClient"/> needs to reach and authenticate to one API server
/// (client-go's rest.Config). Build it from a kubeconfig (<see cref="FromKubeConfig"/>), from the
/// pod's service account (<see cref="InCluster"/>), or by hand in tests.
/// </summary>
public sealed record KubeClientOptions
{
    public required Uri Server { get; init; }

    /// <summary>The namespace commands default to: -n, else the context's, else "default".</summary>
    public string Namespace { get; init; } = "default";

    /// <summary>PEM (or DER) CA bundle the server certificate must chain to; with neither this nor a file the system roots are used.</summary>
    public byte[]? CertificateAuthorityData { get; init; }

    public string? CertificateAuthorityFile { get; init; }

    public bool InsecureSkipTlsVerify { get; init; }

    /// <summary>Name sent as SNI and checked against the server certificate instead of the URL host.</summary>
    public string? TlsServerName { get; init; }

    /// <summary>http:// or https:// proxy for all requests (kubeconfig proxy-url); else HTTPS_PROXY/NO_PROXY apply.</summary>
    public Uri? ProxyUrl { get; init; }

    public byte[]? ClientCertificateData { get; init; }
    public string? ClientCertificateFile { get; init; }
    public byte[]? ClientKeyData { get; init; }
    public string? ClientKeyFile { get; init; }

    public string? BearerToken { get; init; }

    /// <summary>Token file, re-read (at most once a minute, and after a 401) so rotated tokens are picked up.</summary>
    public string? BearerTokenFile { get; init; }

    public string? Username { get; init; }
    public string? Password { get; init; }

    public KubeExecConfig? Exec { get; init; }

    /// <summary>The kubeconfig's exec extension for the cluster (spec.cluster.config for provideClusterInfo plugins).</summary>
    public JsonNode? ExecClusterConfig { get; init; }

    public string? ImpersonateUser { get; init; }
    public IReadOnlyList<string> ImpersonateGroups { get; init; } = [];

    /// <summary>Per-request timeout (not applied to watches); null = none.</summary>
    public TimeSpan? RequestTimeout { get; init; }

    public string UserAgent { get; init; } = "netguard/" + (typeof(KubeClientOptions).Assembly.GetName().Version?.ToString(3) ?? "0.0.0");

    public string? ContextName { get; init; }

    /// <summary>Where the cluster settings came from, for error messages.</summary>
    public KubeConfigOrigin ClusterOrigin { get; init; } = KubeConfigOrigin.None;

    /// <summary>Where the user settings came from, for error messages.</summary>
    public KubeConfigOrigin UserOrigin { get; init; } = KubeConfigOrigin.None;

    /// <summary>Loads the kubeconfig from <paramref name="source"/> and applies <paramref name="overrides"/>.</summary>
    public static KubeClientOptions FromKubeConfig(KubeConfigSource source, KubeConfigOverrides? overrides = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        return KubeClientOptionsBuilder.Build(KubeConfigLoader.Load(source), overrides ?? new KubeConfigOverrides());
    }

    /// <summary>The pod's service account (KUBERNETES_SERVICE_HOST/PORT and /var/run/secrets/kubernetes.io/serviceaccount).</summary>
    public static KubeClientOptions InCluster(InClusterEnvironment? environment = null) =>
        InClusterConfig.Load(environment ?? InClusterEnvironment.FromProcess());
}
