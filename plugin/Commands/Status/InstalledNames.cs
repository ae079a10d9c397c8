namespace Netguard.Plugin.Commands.Status;

/// <summary>
/// The object names an installation has (manifests/webhook, manifests/agent; a test checks them against the
/// embedded manifests <c>install</c> prints). The namespace is <c>-n</c>, else <see cref="DefaultNamespace"/>.
/// </summary>
public static class InstalledNames
{
    public const string DefaultNamespace = "netguard-system";

    /// <summary>The NetguardConfig (key <c>config.yaml</c>) in <see cref="DefaultNamespace"/>, SPEC §3.</summary>
    public const string ConfigMap = "netguard-config";

    public const string WebhookDeployment = "netguard-webhook";

    public const string WebhookService = "netguard-webhook";

    public const string MutatingWebhookConfiguration = "netguard-webhook";

    public const string ValidatingWebhookConfiguration = "netguard-webhook";

    /// <summary>The webhook's serving certificate (type kubernetes.io/tls).</summary>
    public const string TlsSecret = "netguard-webhook-tls";

    public const string AgentDaemonSet = "netguard-agent";
}
