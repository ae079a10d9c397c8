using Netguard.Core.Kube.Errors;

namespace Netguard.Core.Kube.Config;

/// <summary>client-go's rest.InClusterConfig: the service host/port variables plus the mounted service-account files.</summary>
internal static class InClusterConfig
{
    public static KubeClientOptions Load(InClusterEnvironment environment)
    {
        if (!environment.IsInCluster)
        {
            throw new KubeConfigException("not running in a cluster: KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT must be set (or pass --kubeconfig)");
        }

        var tokenFile = Path.Combine(environment.ServiceAccountDirectory, "token");
        var caFile = Path.Combine(environment.ServiceAccountDirectory, "ca.crt");
        var nsFile = Path.Combine(environment.ServiceAccountDirectory, "namespace");
        if (!File.Exists(tokenFile))
        {
            throw new KubeConfigException($"service-account token \"{tokenFile}\" not found", field: "in-cluster");
        }

        var host = environment.ServiceHost!;
        if (host.Contains(':', StringComparison.Ordinal) && !host.StartsWith('['))
        {
            host = $"[{host}]"; // IPv6 service host
        }

        if (!Uri.TryCreate($"https://{host}:{environment.ServicePort}", UriKind.Absolute, out var server))
        {
            throw new KubeConfigException($"invalid KUBERNETES_SERVICE_HOST/PORT \"{environment.ServiceHost}:{environment.ServicePort}\"", field: "in-cluster");
        }

        var ns = File.Exists(nsFile) ? File.ReadAllText(nsFile).Trim() : "";
        return new KubeClientOptions
        {
            Server = server,
            Namespace = ns.Length > 0 ? ns : "default",
            CertificateAuthorityFile = File.Exists(caFile) ? caFile : null,
            BearerTokenFile = tokenFile,
            ContextName = "in-cluster",
            ClusterOrigin = new KubeConfigOrigin(null, "in-cluster", null),
            UserOrigin = new KubeConfigOrigin(null, "in-cluster", null),
        };
    }
}
