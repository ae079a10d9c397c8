namespace Netguard.Plugin.Commands.Status;

/// <summary>A webhook's clientConfig.service: where the API server sends the AdmissionReview.</summary>
public sealed record WebhookServiceRef(string Namespace, string Name, int Port, string? Path)
{
    /// <summary>The name the API server dials and verifies the serving certificate for.</summary>
    public string DnsName => $"{Name}.{Namespace}.svc";

    /// <summary>"namespace/name:port", as status prints it.</summary>
    public string Address => $"{Namespace}/{Name}:{Port}";
}
