using System.Net;
using System.Security.Cryptography.X509Certificates;
using Netguard.Core.Kube.Auth;
using Netguard.Core.Kube.Config;

namespace Netguard.Core.Kube.Http;

/// <summary>The socket layer: one SocketsHttpHandler per client with the cluster's TLS settings, client certificate and proxy.</summary>
internal static class KubeHttpTransport
{
    public static SocketsHttpHandler Create(KubeClientOptions options, ServerCertificateValidator validator, X509Certificate2? clientCertificate)
    {
        var handler = new SocketsHttpHandler
        {
            AutomaticDecompression = DecompressionMethods.GZip,
            ConnectTimeout = TimeSpan.FromSeconds(30),
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(90),
            KeepAlivePingPolicy = HttpKeepAlivePingPolicy.WithActiveRequests,
            KeepAlivePingDelay = TimeSpan.FromSeconds(30),
            KeepAlivePingTimeout = TimeSpan.FromSeconds(15),
            UseCookies = false,
            AllowAutoRedirect = false,
        };
        handler.SslOptions.RemoteCertificateValidationCallback = validator.Validate;
        if (clientCertificate is not null)
        {
            handler.SslOptions.ClientCertificates = [clientCertificate];
        }
        if (options.ProxyUrl is not null)
        {
            handler.UseProxy = true;
            handler.Proxy = new WebProxy(options.ProxyUrl);
        }

        return handler;
    }

    public static X509Certificate2Collection? LoadAuthorities(KubeClientOptions options)
    {
        if (options.InsecureSkipTlsVerify || (options.CertificateAuthorityData is null && options.CertificateAuthorityFile is null))
        {
            return null;
        }

        return PemCertificates.LoadAuthority(options.CertificateAuthorityData, options.CertificateAuthorityFile, options.ClusterOrigin, "certificate-authority");
    }
}
