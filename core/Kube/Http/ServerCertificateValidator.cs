using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Netguard.Core.Kube.Http;

/// <summary>
/// Checks the API server's certificate like Go's crypto/tls: chain to the kubeconfig CA (or the system
/// roots), name = tls-server-name or the URL host. Remembers why it rejected a certificate so the
/// error says "certificate signed by unknown authority" rather than a generic TLS failure.
/// </summary>
internal sealed class ServerCertificateValidator
{
    private readonly X509Certificate2Collection? _authorities;
    private readonly bool _insecure;
    private readonly string _expectedName;

    public ServerCertificateValidator(X509Certificate2Collection? authorities, bool insecure, string expectedName)
    {
        _authorities = authorities;
        _insecure = insecure;
        _expectedName = expectedName;
    }

    /// <summary>Why the last certificate was rejected (x509-style wording), or null.</summary>
    public string? LastFailure { get; private set; }

    public bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (_insecure)
        {
            return true;
        }

        if (certificate is not X509Certificate2 leaf)
        {
            LastFailure = "the server sent no certificate";
            return false;
        }

        if (_authorities is null)
        {
            if ((errors & SslPolicyErrors.RemoteCertificateChainErrors) != 0)
            {
                LastFailure = DescribeChainFailure(chain);
                return false;
            }
        }
        else
        {
            using var custom = new X509Chain();
            custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            custom.ChainPolicy.CustomTrustStore.AddRange(_authorities);
            custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            if (chain is not null)
            {
                foreach (var element in chain.ChainElements)
                {
                    custom.ChainPolicy.ExtraStore.Add(element.Certificate);
                }
            }

            if (!custom.Build(leaf))
            {
                LastFailure = DescribeChainFailure(custom);
                return false;
            }
        }

        if (!leaf.MatchesHostname(_expectedName))
        {
            LastFailure = $"certificate is valid for {string.Join(", ", Names(leaf))}, not {_expectedName}";
            return false;
        }

        LastFailure = null;
        return true;
    }

    private static string DescribeChainFailure(X509Chain? chain)
    {
        var statuses = chain?.ChainStatus.Select(s => s.Status).ToList() ?? [];
        if (statuses.Contains(X509ChainStatusFlags.NotTimeValid))
        {
            return "certificate has expired or is not yet valid";
        }

        return "certificate signed by unknown authority";
    }

    private static IEnumerable<string> Names(X509Certificate2 certificate)
    {
        var san = certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().FirstOrDefault();
        if (san is null)
        {
            return [certificate.GetNameInfo(X509NameType.SimpleName, false)];
        }

        return san.EnumerateDnsNames().Concat(san.EnumerateIPAddresses().Select(ip => ip.ToString()));
    }
}
