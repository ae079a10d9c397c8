namespace Netguard.Plugin.Cli;

/// <summary>The kinds a live command lists from the API server (see <see cref="LiveCluster"/>).</summary>
[Flags]
internal enum LiveKinds
{
    None = 0,
    Nodes = 1,
    Namespaces = 2,
    Pods = 4,
    NetworkPolicies = 8,
    Services = 16,

    /// <summary>Deployments, StatefulSets, DaemonSets, ReplicaSets, Jobs and CronJobs.</summary>
    Workloads = 32,
}
