using Netguard.Core.Kube.Errors;

namespace Netguard.Core.Kube.Config;

/// <summary>Resolves context → cluster + user, applies kubectl's flag overrides, and checks the result is usable.</summary>
public static class KubeClientOptionsBuilder
{
    public static KubeClientOptions Build(KubeConfig config, KubeConfigOverrides overrides)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(overrides);
        var contextName = NullIfEmpty(overrides.Context) ?? NullIfEmpty(config.CurrentContext);
        KubeConfigContext? context = null;
        if (contextName is not null && !config.Contexts.TryGetValue(contextName, out context))
        {
            var file = overrides.Context is null ? config.CurrentContextFile : null;
            var known = config.Contexts.Count == 0 ? "none defined" : "known: " + string.Join(", ", config.Contexts.Keys.Order(StringComparer.Ordinal));
            throw new KubeConfigException(
                $"context \"{contextName}\" not found in {config.Describe()} ({known})",
                file,
                field: overrides.Context is null ? "current-context" : "--context");
        }

        var clusterName = NullIfEmpty(overrides.Cluster) ?? NullIfEmpty(context?.Cluster);
        var userName = NullIfEmpty(overrides.User) ?? NullIfEmpty(context?.User);
        KubeConfigCluster? cluster = null;
        if (clusterName is not null && !config.Clusters.TryGetValue(clusterName, out cluster))
        {
            throw new KubeConfigException(
                $"cluster \"{clusterName}\" not found in {config.Describe()}",
                overrides.Cluster is null ? context?.Origin.File : null,
                contextName,
                overrides.Cluster is null ? context?.Origin.Join("cluster") : "--cluster");
        }

        KubeConfigUser? user = null;
        if (userName is not null && !config.Users.TryGetValue(userName, out user))
        {
            throw new KubeConfigException(
                $"user \"{userName}\" not found in {config.Describe()}",
                overrides.User is null ? context?.Origin.File : null,
                contextName,
                overrides.User is null ? context?.Origin.Join("user") : "--user");
        }

        var clusterOrigin = (cluster?.Origin ?? KubeConfigOrigin.None) with { Context = contextName };
        var userOrigin = (user?.Origin ?? KubeConfigOrigin.None) with { Context = contextName };

        var serverText = NullIfEmpty(overrides.Server) ?? NullIfEmpty(cluster?.Server);
        if (serverText is null)
        {
            if (config.IsEmpty)
            {
                throw new KubeConfigException("no configuration has been provided: pass --kubeconfig, set KUBECONFIG, create ~/.kube/config, or give --server");
            }

            if (contextName is null)
            {
                throw new KubeConfigException($"current-context is not set in {config.Describe()}; pass --context", field: "current-context");
            }

            throw cluster is null
                ? new KubeConfigException("the context names no cluster", context?.Origin.File, contextName, context?.Origin.Join("cluster"))
                : clusterOrigin.Error("server", "the cluster has no server");
        }

        var server = ParseServer(serverText, overrides.Server is not null ? KubeConfigOrigin.None with { Context = contextName } : clusterOrigin, overrides.Server is not null ? "--server" : "server");

        // Cluster settings, then flags. --certificate-authority replaces the kubeconfig's CA; an
        // --insecure-skip-tls-verify flag without a CA flag drops the kubeconfig's CA (client-go).
        var caFile = cluster?.CertificateAuthority;
        var caData = cluster?.CertificateAuthorityData;
        var insecure = cluster?.InsecureSkipTlsVerify ?? false;
        var caOrigin = clusterOrigin;
        var caField = "certificate-authority";
        if (!string.IsNullOrEmpty(overrides.CertificateAuthority))
        {
            caFile = Path.GetFullPath(overrides.CertificateAuthority);
            caData = null;
            caOrigin = KubeConfigOrigin.None with { Context = contextName };
            caField = "--certificate-authority";
        }

        if (overrides.InsecureSkipTlsVerify)
        {
            insecure = true;
            if (string.IsNullOrEmpty(overrides.CertificateAuthority))
            {
                caFile = null;
                caData = null;
            }
        }

        if (insecure && (caFile is not null || caData is not null))
        {
            throw caOrigin.Error(caField, "specifying a root certificates file with the insecure flag is not allowed");
        }

        RequireFile(caFile, caOrigin, caField);

        // User settings, then flags. --token replaces every other kind of credential in the kubeconfig.
        var token = user?.Token;
        var tokenFile = user?.TokenFile;
        var username = user?.Username;
        var password = user?.Password;
        var exec = user?.Exec;
        if (!string.IsNullOrEmpty(overrides.Token))
        {
            token = overrides.Token;
            tokenFile = null;
            username = null;
            password = null;
            exec = null;
        }
        else if (user?.AuthProvider is { } provider && exec is null && token is null && tokenFile is null)
        {
            throw userOrigin.Error("auth-provider", $"auth-provider \"{provider}\" is not supported (kubectl removed in-tree auth providers); use an exec credential plugin");
        }

        if (!string.IsNullOrEmpty(token))
        {
            tokenFile = null;
        }

        RequireFile(tokenFile, userOrigin, "tokenFile");
        RequireFile(user?.ClientCertificate, userOrigin, "client-certificate");
        RequireFile(user?.ClientKey, userOrigin, "client-key");
        var hasCert = user?.ClientCertificate is not null || user?.ClientCertificateData is not null;
        var hasKey = user?.ClientKey is not null || user?.ClientKeyData is not null;
        if (hasCert != hasKey)
        {
            throw userOrigin.Error(hasCert ? "client-key" : "client-certificate", hasCert
                ? "client-certificate is set but client-key is missing"
                : "client-key is set but client-certificate is missing");
        }

        TimeSpan? timeout = null;
        if (!string.IsNullOrEmpty(overrides.RequestTimeout))
        {
            if (!GoDuration.TryParse(overrides.RequestTimeout, out var parsed) || parsed < TimeSpan.Zero)
            {
                throw new KubeConfigException(
                    $"invalid duration \"{overrides.RequestTimeout}\" (want e.g. 30s, 1m, 2h, or 0 for none)", field: "--request-timeout");
            }

            timeout = parsed == TimeSpan.Zero ? null : parsed;
        }

        Uri? proxy = null;
        if (!string.IsNullOrEmpty(cluster?.ProxyUrl))
        {
            if (!Uri.TryCreate(cluster.ProxyUrl, UriKind.Absolute, out proxy) || proxy.Scheme is not ("http" or "https"))
            {
                throw clusterOrigin.Error("proxy-url", $"invalid proxy URL \"{cluster.ProxyUrl}\" (want http:// or https://; socks5 is not supported)");
            }
        }

        var options = new KubeClientOptions
        {
            Server = server,
            Namespace = NullIfEmpty(overrides.Namespace) ?? NullIfEmpty(context?.Namespace) ?? "default",
            CertificateAuthorityData = caData,
            CertificateAuthorityFile = caFile,
            InsecureSkipTlsVerify = insecure,
            TlsServerName = NullIfEmpty(overrides.TlsServerName) ?? NullIfEmpty(cluster?.TlsServerName),
            ProxyUrl = proxy,
            ClientCertificateData = user?.ClientCertificateData,
            ClientCertificateFile = user?.ClientCertificate,
            ClientKeyData = user?.ClientKeyData,
            ClientKeyFile = user?.ClientKey,
            BearerToken = NullIfEmpty(token),
            BearerTokenFile = tokenFile,
            Username = NullIfEmpty(username),
            Password = password,
            Exec = exec,
            ExecClusterConfig = cluster?.ExecExtension,
            ImpersonateUser = NullIfEmpty(overrides.Impersonate) ?? NullIfEmpty(user?.Impersonate),
            ImpersonateGroups = ImpersonateGroups(overrides, user, contextName),
            RequestTimeout = timeout,
            ContextName = contextName,
            ClusterOrigin = clusterOrigin,
            UserOrigin = userOrigin,
        };

        // client-go reads the user's credentials only for TLS transports (impersonation still applies): never send them in clear text.
        return server.Scheme == Uri.UriSchemeHttp ? WithoutCredentials(options) : options;
    }

    private static KubeClientOptions WithoutCredentials(KubeClientOptions options) => options with
    {
        BearerToken = null,
        BearerTokenFile = null,
        Username = null,
        Password = null,
        Exec = null,
        ClientCertificateData = null,
        ClientCertificateFile = null,
        ClientKeyData = null,
        ClientKeyFile = null,
    };

    private static Uri ParseServer(string text, KubeConfigOrigin origin, string field)
    {
        // kubectl accepts a bare host[:port] and assumes https.
        var candidate = text.Contains("://", StringComparison.Ordinal) ? text : "https://" + text;
        if (!Uri.TryCreate(candidate, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http") || string.IsNullOrEmpty(uri.Host))
        {
            throw origin.Error(field, $"invalid server URL \"{text}\"");
        }

        return uri;
    }

    private static void RequireFile(string? path, KubeConfigOrigin origin, string field)
    {
        if (path is not null && !File.Exists(path))
        {
            throw origin.Error(field, $"file \"{path}\" not found");
        }
    }

    /// <summary>
    /// The groups to impersonate. The API server takes one group per Impersonate-Group header line, and .NET's HTTP
    /// client joins repeated values of a header into one line ("a, b": one group of that name, over HTTP/1.1 and
    /// HTTP/2 alike), so more than one group is refused rather than sent as a group nobody asked for.
    /// </summary>
    private static IReadOnlyList<string> ImpersonateGroups(KubeConfigOverrides overrides, KubeConfigUser? user, string? contextName)
    {
        var fromFlags = overrides.ImpersonateGroups.Count > 0;
        var groups = fromFlags ? overrides.ImpersonateGroups : user?.ImpersonateGroups ?? [];
        if (groups.Count > 1)
        {
            throw new KubeConfigException(
                $"impersonating {groups.Count} groups ({string.Join(", ", groups)}) is not supported: this client can send only one Impersonate-Group header; give one group",
                fromFlags ? null : user?.Origin.File,
                fromFlags ? null : contextName,
                fromFlags ? "--as-group" : user?.Origin.Join("as-groups"));
        }

        return groups;
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
