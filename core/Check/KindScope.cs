namespace Netguard.Core.Check;

/// <summary>Which well-known kinds are cluster-scoped (everything else is taken as namespaced, "default" when unset).</summary>
public static class KindScope
{
    private static readonly HashSet<string> ClusterScoped = new(StringComparer.Ordinal)
    {
        "Node", "Namespace", "PersistentVolume", "ClusterRole", "ClusterRoleBinding", "StorageClass", "PriorityClass",
        "CustomResourceDefinition", "MutatingWebhookConfiguration", "ValidatingWebhookConfiguration",
        "ValidatingAdmissionPolicy", "ValidatingAdmissionPolicyBinding", "IngressClass", "RuntimeClass", "APIService",
        "CSIDriver", "CSINode", "VolumeAttachment", "CertificateSigningRequest", "FlowSchema",
        "PriorityLevelConfiguration", "ComponentStatus", "ClusterIssuer",
    };

    public static bool IsClusterScoped(string kind) => ClusterScoped.Contains(kind);
}
