namespace Netguard.Core.Kube.Models;

/// <summary>A Namespace; its spec and status are kept as extension data.</summary>
public sealed class Namespace : KubeObject
{
    /// <summary>The label the API server sets on every namespace to its name (namespaceSelectors rely on it).</summary>
    public const string NameLabel = "kubernetes.io/metadata.name";

    /// <summary>
    /// The labels a namespaceSelector sees on the namespace <paramref name="name"/>: those of <paramref name="ns"/>
    /// when it is known, and <see cref="NameLabel"/> always.
    /// </summary>
    public static Dictionary<string, string> SelectorLabels(string name, Namespace? ns)
    {
        ArgumentNullException.ThrowIfNull(name);
        return new Dictionary<string, string>(ns?.Metadata.Labels ?? [], StringComparer.Ordinal) { [NameLabel] = name };
    }
}
