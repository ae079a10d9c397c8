using Netguard.Core.Kube.Models;

namespace Netguard.Core.Kube.Resources;

/// <summary>
/// The resources read-only caches watch, read as views (<see cref="KubeViewJson"/>): what the model does not name
/// is not kept. Never write an object read this way back to the API server.
/// </summary>
public static class KubeViewResourceTypes
{
    public static KubeResourceType<Pod> Pods { get; } = Create<Pod>(KubeResource.Pods);

    public static KubeResourceType<Node> Nodes { get; } = Create<Node>(KubeResource.Nodes);

    public static KubeResourceType<Namespace> Namespaces { get; } = Create<Namespace>(KubeResource.Namespaces);

    public static KubeResourceType<NetworkPolicy> NetworkPolicies { get; } = Create<NetworkPolicy>(KubeResource.NetworkPolicies);

    private static KubeResourceType<T> Create<T>(KubeResource resource)
        where T : class => new(resource, KubeViewJson.Get<T>(), KubeViewJson.Get<KubeList<T>>());
}
