namespace Netguard.Core.Kube.Resources;

/// <summary>Where a kind lives on the API server: group/version, plural resource name, and scope.</summary>
public sealed record KubeResource(string Group, string Version, string Kind, string Plural, bool Namespaced)
{
    public static readonly KubeResource Pods = new("", "v1", "Pod", "pods", true);
    public static readonly KubeResource Nodes = new("", "v1", "Node", "nodes", false);
    public static readonly KubeResource Namespaces = new("", "v1", "Namespace", "namespaces", false);
    public static readonly KubeResource Services = new("", "v1", "Service", "services", true);
    public static readonly KubeResource ConfigMaps = new("", "v1", "ConfigMap", "configmaps", true);
    public static readonly KubeResource NetworkPolicies = new("networking.k8s.io", "v1", "NetworkPolicy", "networkpolicies", true);
    public static readonly KubeResource Deployments = new("apps", "v1", "Deployment", "deployments", true);
    public static readonly KubeResource StatefulSets = new("apps", "v1", "StatefulSet", "statefulsets", true);
    public static readonly KubeResource DaemonSets = new("apps", "v1", "DaemonSet", "daemonsets", true);
    public static readonly KubeResource ReplicaSets = new("apps", "v1", "ReplicaSet", "replicasets", true);
    public static readonly KubeResource Jobs = new("batch", "v1", "Job", "jobs", true);
    public static readonly KubeResource CronJobs = new("batch", "v1", "CronJob", "cronjobs", true);
    public static readonly KubeResource MutatingWebhookConfigurations = new("admissionregistration.k8s.io", "v1", "MutatingWebhookConfiguration", "mutatingwebhookconfigurations", false);
    public static readonly KubeResource ValidatingWebhookConfigurations = new("admissionregistration.k8s.io", "v1", "ValidatingWebhookConfiguration", "validatingwebhookconfigurations", false);

    /// <summary>apiVersion as written in objects: "v1" for the core group, else "group/version".</summary>
    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    /// <summary>
    /// The collection path: /api/v1/pods, /api/v1/namespaces/ns/pods, /apis/apps/v1/namespaces/ns/deployments.
    /// A null namespace on a namespaced resource means all namespaces.
    /// </summary>
    public string CollectionPath(string? ns)
    {
        var root = Group.Length == 0 ? $"/api/{Version}" : $"/apis/{Group}/{Version}";
        return Namespaced && !string.IsNullOrEmpty(ns)
            ? $"{root}/namespaces/{Uri.EscapeDataString(ns)}/{Plural}"
            : $"{root}/{Plural}";
    }

    public string ItemPath(string? ns, string name) => $"{CollectionPath(ns)}/{Uri.EscapeDataString(name)}";

    /// <summary>Well-known resources, for looking up a kind from a manifest or a TYPE/NAME argument.</summary>
    public static IReadOnlyList<KubeResource> All { get; } =
    [
        Pods, Nodes, Namespaces, Services, ConfigMaps, NetworkPolicies, Deployments, StatefulSets,
        DaemonSets, ReplicaSets, Jobs, CronJobs, MutatingWebhookConfigurations, ValidatingWebhookConfigurations,
    ];
}
