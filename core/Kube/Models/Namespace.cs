namespace Netguard.Core.Kube.Models;

/// <summary>A Namespace; its spec and status are kept as extension data.</summary>
public sealed class Namespace : KubeObject
{
    /// <summary>The label the API server sets on every namespace to its name (namespaceSelectors rely on it).</summary>
    public const string NameLabel = "kubernetes.io/metadata.name";
}
