namespace Netguard.Core.Kube.Config;

/// <summary>What in-cluster configuration reads, injectable for tests.</summary>
public sealed record InClusterEnvironment
{
    public const string DefaultServiceAccountDirectory = "/var/run/secrets/kubernetes.io/serviceaccount";

    public string? ServiceHost { get; init; }
    public string? ServicePort { get; init; }

    /// <summary>Holds token, ca.crt and namespace.</summary>
    public string ServiceAccountDirectory { get; init; } = DefaultServiceAccountDirectory;

    public static InClusterEnvironment FromProcess() => new()
    {
        ServiceHost = Environment.GetEnvironmentVariable("KUBERNETES_SERVICE_HOST"),
        ServicePort = Environment.GetEnvironmentVariable("KUBERNETES_SERVICE_PORT"),
    };

    /// <summary>True when the process runs in a pod (the service host variables are set).</summary>
    public bool IsInCluster => !string.IsNullOrEmpty(ServiceHost) && !string.IsNullOrEmpty(ServicePort);
}
