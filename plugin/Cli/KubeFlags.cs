using System.CommandLine;

namespace Netguard.Plugin.Cli;

/// <summary>
/// kubectl's standard connection flags (SPEC §7). kubectl passes none of its own flags to plugins,
/// so the plugin parses them itself; they are recursive so they work before or after the subcommand.
/// </summary>
public sealed class KubeFlags
{
    public Option<string?> Kubeconfig { get; } = new("--kubeconfig") { Description = "Path to the kubeconfig file to use", Recursive = true };

    public Option<string?> Context { get; } = new("--context") { Description = "The name of the kubeconfig context to use", Recursive = true };

    public Option<string?> Cluster { get; } = new("--cluster") { Description = "The name of the kubeconfig cluster to use", Recursive = true };

    public Option<string?> User { get; } = new("--user") { Description = "The name of the kubeconfig user to use", Recursive = true };

    public Option<string?> Namespace { get; } = new("--namespace", "-n") { Description = "The namespace scope for this request", Recursive = true };

    public Option<bool> AllNamespaces { get; } = new("--all-namespaces", "-A") { Description = "Across all namespaces", Recursive = true };

    public Option<string?> Token { get; } = new("--token") { Description = "Bearer token for authentication to the API server", Recursive = true };

    public Option<string?> As { get; } = new("--as") { Description = "Username to impersonate for the operation", Recursive = true };

    public Option<string[]> AsGroup { get; } = new("--as-group") { Description = "Group to impersonate for the operation (one: more cannot be sent, see docs/kube-client.md)", Recursive = true, AllowMultipleArgumentsPerToken = false };

    public Option<string?> Server { get; } = new("--server", "-s") { Description = "The address and port of the Kubernetes API server", Recursive = true };

    public Option<string?> CertificateAuthority { get; } = new("--certificate-authority") { Description = "Path to a cert file for the certificate authority", Recursive = true };

    public Option<bool> InsecureSkipTlsVerify { get; } = new("--insecure-skip-tls-verify") { Description = "Do not verify the server's certificate (insecure)", Recursive = true };

    public Option<string?> TlsServerName { get; } = new("--tls-server-name") { Description = "Server name to use for certificate validation", Recursive = true };

    public Option<string?> RequestTimeout { get; } = new("--request-timeout") { Description = "How long to wait for a single request (e.g. 1s, 2m, 3h; 0 = no timeout)", Recursive = true };

    public IEnumerable<Option> All =>
    [
        Kubeconfig, Context, Cluster, User, Namespace, AllNamespaces, Token, As, AsGroup, Server,
        CertificateAuthority, InsecureSkipTlsVerify, TlsServerName, RequestTimeout,
    ];
}
