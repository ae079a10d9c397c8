using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using Netguard.Core.Kube.Client;
using Netguard.Core.Kube.Errors;
using Netguard.Core.Kube.Models;
using Netguard.Core.Kube.Resources;
using Netguard.Plugin.Commands.Tc;

namespace Netguard.Plugin.Commands.Status;

/// <summary>
/// Reads an installation from the API server (the independent reads in parallel) and judges each part with the
/// pure checks. A 404 is an answer (the part is missing); any other API error becomes an <see cref="HealthState.Error"/>
/// row for that part, except on the TLS Secret, whose certificate is then judged from the caBundle. Connection
/// failures propagate: with no server there is nothing to report.
/// </summary>
public sealed class InstallationStatusReader(IKubeClient kube, string ns, DateTimeOffset now, TimeSpan staleAfter)
{
    private static readonly KubeResource Secrets = new("", "v1", "Secret", "secrets", true);

    public async Task<IReadOnlyList<StatusItem>> ReadAsync(CancellationToken cancellationToken)
    {
        var deployment = TryGet(() => kube.GetAsync(KubeResourceTypes.Raw(KubeResource.Deployments), ns, InstalledNames.WebhookDeployment, cancellationToken));
        var mutating = TryGet(() => kube.GetAsync(KubeResourceTypes.Raw(KubeResource.MutatingWebhookConfigurations), null, InstalledNames.MutatingWebhookConfiguration, cancellationToken));
        var validating = TryGet(() => kube.GetAsync(KubeResourceTypes.Raw(KubeResource.ValidatingWebhookConfigurations), null, InstalledNames.ValidatingWebhookConfiguration, cancellationToken));
        var secret = TryGet(() => kube.GetAsync(KubeResourceTypes.Raw(Secrets), ns, InstalledNames.TlsSecret, cancellationToken));
        var daemonSet = TryGet(() => kube.GetAsync(KubeResourceTypes.Raw(KubeResource.DaemonSets), ns, InstalledNames.AgentDaemonSet, cancellationToken));
        var nodes = TryGet(async () => (await kube.ListAsync(KubeResourceTypes.Nodes, null, cancellationToken: cancellationToken)).Items);
        await Task.WhenAll(deployment, mutating, validating, secret, daemonSet, nodes);

        var configurations = new[]
        {
            ("MutatingWebhookConfiguration", InstalledNames.MutatingWebhookConfiguration, mutating.Result),
            ("ValidatingWebhookConfiguration", InstalledNames.ValidatingWebhookConfiguration, validating.Result),
        };
        var serviceRefs = configurations.SelectMany(c => WebhookConfigurationCheck.Services(c.Item3.Value)).ToList();
        var services = await ReadServicesAsync(serviceRefs, cancellationToken);
        var webhooks = configurations.SelectMany(c => WebhookConfigurationCheck.Webhooks(c.Item3.Value)).ToList();
        var caBundles = DecodeCaBundles(webhooks);

        var items = new List<StatusItem>
        {
            Judge(deployment.Result, $"deployment/{InstalledNames.WebhookDeployment}", d => WebhookDeploymentCheck.Evaluate(ns, InstalledNames.WebhookDeployment, d)),
        };
        foreach (var (kind, name, fetched) in configurations)
        {
            items.Add(Judge(fetched, $"{kind.ToLowerInvariant()}/{name}", c => WebhookConfigurationCheck.Evaluate(kind, name, c, s => Exists(services.GetValueOrDefault((s.Namespace, s.Name))), w => caBundles[w])));
        }

        items.Add(ServingCertificateCheck.Evaluate(Evidence(secret.Result, webhooks, caBundles, serviceRefs), now));
        items.Add(Judge(daemonSet.Result, $"daemonset/{InstalledNames.AgentDaemonSet}", d => AgentDaemonSetCheck.Evaluate(ns, InstalledNames.AgentDaemonSet, d)));
        if (nodes.Result.Error is { } error && !error.IsNotFound)
        {
            items.Add(new StatusItem("nodes", HealthState.Error, error.Message));
        }
        else
        {
            items.AddRange((nodes.Result.Value ?? [])
                .Select(n => NodeAgentReader.Read(n, now, staleAfter))
                .OrderBy(r => r.Node, StringComparer.Ordinal)
                .Select(NodeAgentCheck.Evaluate));
        }

        foreach (var (service, fetched) in services)
        {
            if (fetched.Error is { IsNotFound: false } serviceError)
            {
                items.Add(new StatusItem($"service/{service.Name}", HealthState.Error, serviceError.Message));
            }
        }

        return items;
    }

    private async Task<Dictionary<(string Namespace, string Name), Fetched<Service>>> ReadServicesAsync(IEnumerable<WebhookServiceRef> refs, CancellationToken cancellationToken)
    {
        var distinct = refs.Select(r => (r.Namespace, r.Name)).Distinct().ToList();
        var reads = distinct.Select(r => TryGet(() => kube.GetAsync(KubeResourceTypes.Services, r.Namespace, r.Name, cancellationToken))).ToList();
        await Task.WhenAll(reads);
        return distinct.Zip(reads).ToDictionary(p => p.First, p => p.Second.Result);
    }

    /// <summary>Whether a Service exists: true, false (404), null (could not be read; reported as its own row).</summary>
    private static bool? Exists(Fetched<Service>? fetched) =>
        fetched is null ? null : fetched.Value is not null ? true : fetched.Error!.IsNotFound ? false : null;

    /// <summary>
    /// Each webhook's caBundle decoded once, by webhook object (the configuration rows and the certificate evidence
    /// both use it); null where it is missing or unusable.
    /// </summary>
    private static Dictionary<JsonObject, X509Certificate2Collection?> DecodeCaBundles(IEnumerable<JsonObject> webhooks)
    {
        var decoded = new Dictionary<JsonObject, X509Certificate2Collection?>(ReferenceEqualityComparer.Instance);
        foreach (var webhook in webhooks)
        {
            decoded[webhook] = CaBundle.Decode(JsonFields.String(webhook["clientConfig"]?["caBundle"]));
        }

        return decoded;
    }

    private CertificateEvidence Evidence(
        Fetched<JsonObject> secret, List<JsonObject> webhooks, Dictionary<JsonObject, X509Certificate2Collection?> caBundles, List<WebhookServiceRef> serviceRefs)
    {
        var bundles = webhooks
            .Where(w => caBundles[w] is not null)
            .Select(w => new WebhookCaBundle(JsonFields.String(w["name"]) ?? "?", caBundles[w]!))
            .ToList();
        var dnsName = serviceRefs.FirstOrDefault()?.DnsName
            ?? $"{InstalledNames.WebhookService}.{ns}.svc";

        X509Certificate2? serving = null;
        string? problem = null;
        var broken = false;
        if (secret.Value is { } value)
        {
            (serving, problem) = ServingCertificate(value);
            broken = serving is null;
        }
        else if (secret.Error is { IsNotFound: true })
        {
            (problem, broken) = ("not found", true);
        }
        else if (secret.Error is { IsForbidden: true })
        {
            problem = "is not readable (forbidden)";
        }
        else
        {
            problem = $"could not be read ({secret.Error?.Message})";
        }

        return new CertificateEvidence(InstalledNames.TlsSecret, serving, problem, broken, bundles, dnsName);
    }

    private static (X509Certificate2? Certificate, string? Problem) ServingCertificate(JsonObject secret)
    {
        if (JsonFields.String(secret["data"]?["tls.crt"]) is not { Length: > 0 } data)
        {
            return (null, "has no tls.crt");
        }

        try
        {
            var pem = Encoding.ASCII.GetString(Convert.FromBase64String(data));
            var certificates = new X509Certificate2Collection();
            certificates.ImportFromPem(pem);
            // The first certificate of tls.crt is the server's own; any others are its chain.
            return certificates.Count > 0 ? (certificates[0], null) : (null, "has no certificate in tls.crt");
        }
        catch (Exception e) when (e is FormatException or CryptographicException)
        {
            return (null, "has a tls.crt that is not a PEM certificate");
        }
    }

    private static StatusItem Judge<T>(Fetched<T> fetched, string component, Func<T?, StatusItem> check)
        where T : class =>
        fetched.Error is { IsNotFound: false } error
            ? new StatusItem(component, HealthState.Error, error.Message)
            : check(fetched.Value);

    private static async Task<Fetched<T>> TryGet<T>(Func<Task<T>> get)
        where T : class
    {
        try
        {
            return new Fetched<T>(await get(), null);
        }
        catch (KubeApiException e)
        {
            return new Fetched<T>(null, e);
        }
    }

    private sealed record Fetched<T>(T? Value, KubeApiException? Error)
        where T : class;
}
