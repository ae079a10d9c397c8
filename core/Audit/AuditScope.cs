using Netguard.Core.Check;

namespace Netguard.Core.Audit;

/// <summary>
/// Which objects `audit` reports on (it always judges against the whole cluster): with all namespaces,
/// everything; with one namespace, the namespaced objects in it and the Namespace object itself — cluster-scoped
/// objects such as Nodes belong to no namespace and are reported only cluster-wide.
/// </summary>
public sealed record AuditScope(string? Namespace)
{
    public static AuditScope AllNamespaces { get; } = new((string?)null);

    public bool IsAllNamespaces => Namespace is null;

    public bool Includes(string kind, string? ns, string? name)
    {
        ArgumentNullException.ThrowIfNull(kind);
        if (Namespace is null)
        {
            return true;
        }

        if (kind == "Namespace")
        {
            return name == Namespace;
        }

        return !KindScope.IsClusterScoped(kind) && (string.IsNullOrEmpty(ns) ? "default" : ns) == Namespace;
    }
}
