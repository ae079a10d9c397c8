using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;

namespace Netguard.Plugin.Commands.Status;

/// <summary>
/// The webhook's certificate: expiry (warning under <see cref="WarnBefore"/>, unhealthy when expired or not yet
/// valid), that it names the Service DNS name the API server verifies, and that every webhook's caBundle signed
/// it. Without a readable Secret it judges the caBundles' CA alone.
/// </summary>
public static class ServingCertificateCheck
{
    public static readonly TimeSpan WarnBefore = TimeSpan.FromDays(30);

    private static readonly Oid ServerAuth = new("1.3.6.1.5.5.7.3.1");

    public static StatusItem Evaluate(CertificateEvidence evidence, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        const string Component = "certificate";
        var problems = new List<string>();
        var state = HealthState.Ok;
        if (evidence.SecretBroken)
        {
            problems.Add($"secret {evidence.SecretName} {evidence.SecretProblem}: the webhook cannot serve TLS");
            state = HealthState.Unhealthy;
        }

        var details = new JsonObject();
        X509Certificate2 judged;
        string what;
        if (evidence.Serving is { } serving)
        {
            judged = serving;
            what = "serving certificate";
            details["source"] = $"secret/{evidence.SecretName}";
            details["subject"] = serving.Subject;
            details["issuer"] = serving.Issuer;
            details["dnsNames"] = new JsonArray(DnsNames(serving).Select(n => (JsonNode)n).ToArray());
            details["notBefore"] = Time(serving.NotBefore);
            details["notAfter"] = Time(serving.NotAfter);
            if (serving.MatchesHostname(evidence.ExpectedDnsName))
            {
                what = $"serving certificate for {evidence.ExpectedDnsName}";
            }
            else
            {
                problems.Add($"it does not name {evidence.ExpectedDnsName}, the name the API server verifies");
                state = HealthState.Unhealthy;
            }

            var untrusted = new List<string>();
            X509Certificate2? root = null;
            foreach (var bundle in evidence.CaBundles)
            {
                if (SigningRoot(serving, bundle.Certificates, now) is { } signer)
                {
                    root ??= signer;
                }
                else
                {
                    untrusted.Add(bundle.Webhook);
                }
            }

            details["trustedByCaBundle"] = evidence.CaBundles.Count == 0 ? null : untrusted.Count == 0;
            if (untrusted.Count > 0)
            {
                problems.Add($"it is not signed by the caBundle of {string.Join(", ", untrusted)}: the API server refuses to call {(untrusted.Count == 1 ? "it" : "them")}");
                state = HealthState.Unhealthy;
            }

            if (root is not null)
            {
                if (untrusted.Count == 0)
                {
                    what += ", signed by the caBundle's CA,";
                }

                details["caNotAfter"] = Time(root.NotAfter);
                if (root.NotAfter < serving.NotAfter)
                {
                    // The chain ends when its CA does.
                    judged = root;
                    what = "CA certificate (caBundle)";
                }
            }
        }
        else if (evidence.CaBundles.SelectMany(b => b.Certificates).MaxBy(c => c.NotAfter) is { } newest)
        {
            // Any CA of a bundle is trusted; during a CA rotation the newest is the one that matters.
            judged = newest;
            what = "CA certificate (caBundle)";
            details["source"] = "caBundle";
            details["subject"] = newest.Subject;
            details["notBefore"] = Time(newest.NotBefore);
            details["notAfter"] = Time(newest.NotAfter);
            if (evidence.SecretProblem is { } why && !evidence.SecretBroken)
            {
                problems.Add($"secret {evidence.SecretName} {why}, so the caBundle's CA was checked instead");
            }
        }
        else
        {
            var why = evidence.SecretProblem ?? "not found";
            return new StatusItem(Component, HealthState.Unhealthy, $"no certificate to check: secret {evidence.SecretName} {why}, and no caBundle");
        }

        var left = judged.NotAfter.ToUniversalTime() - now.UtcDateTime;
        details["daysLeft"] = (int)Math.Floor(left.TotalDays);
        string validity;
        if (judged.NotBefore.ToUniversalTime() > now.UtcDateTime)
        {
            validity = $"{what} is not valid before {Time(judged.NotBefore)}";
            state = HealthState.Unhealthy;
        }
        else if (left <= TimeSpan.Zero)
        {
            validity = $"{what} expired on {Date(judged.NotAfter)}";
            state = HealthState.Unhealthy;
        }
        else
        {
            validity = $"{what} expires {Date(judged.NotAfter)} (in {Tc.HumanDuration.Format(left)})";
            if (left < WarnBefore)
            {
                validity += ", renew it";
                state = state == HealthState.Ok ? HealthState.Warning : state;
            }
        }

        var message = problems.Count == 0 ? validity : $"{validity}; {string.Join("; ", problems)}";
        return new StatusItem(Component, state, message) { Details = details };
    }

    /// <summary>The CA of <paramref name="bundle"/> that <paramref name="leaf"/> chains to for server authentication, or null.</summary>
    private static X509Certificate2? SigningRoot(X509Certificate2 leaf, X509Certificate2Collection bundle, DateTimeOffset now)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(bundle);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.ApplicationPolicy.Add(ServerAuth);
        chain.ChainPolicy.VerificationTime = now.UtcDateTime;
        // Expiry is judged (and worded) separately; here only "who signed it".
        chain.ChainPolicy.VerificationFlags = X509VerificationFlags.IgnoreNotTimeValid | X509VerificationFlags.IgnoreCtlNotTimeValid;
        if (!chain.Build(leaf))
        {
            return null;
        }

        // The bundle's own instance: the chain's element certificates go with the chain.
        var thumbprint = chain.ChainElements[^1].Certificate.Thumbprint;
        return bundle.FirstOrDefault(c => c.Thumbprint == thumbprint);
    }

    private static IEnumerable<string> DnsNames(X509Certificate2 certificate) =>
        certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().SelectMany(e => e.EnumerateDnsNames());

    private static string Date(DateTime time) => time.ToUniversalTime().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Time(DateTime time) => time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
