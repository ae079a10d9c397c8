using System.Security.Cryptography.X509Certificates;

namespace Netguard.Plugin.Commands.Status;

/// <summary>The CA certificates one webhook's clientConfig.caBundle holds (the API server verifies that webhook with them).</summary>
public sealed record WebhookCaBundle(string Webhook, X509Certificate2Collection Certificates);
