using System.CommandLine;
using Netguard.Core.Kube.Client;
using Netguard.Core.Kube.Config;
using Netguard.Core.Kube.Errors;

namespace Netguard.Plugin.Cli;

/// <summary>
/// Turns the kubectl flags and the environment (KUBECONFIG, HOME, in-cluster variables) into a
/// Kubernetes client, with kubectl's rules. Problems surface as <see cref="Core.Kube.Errors.KubeConfigException"/>.
/// </summary>
public sealed class KubeClientFactory
{
    private readonly CliEnvironment _environment;
    private readonly KubeFlags _flags;

    public KubeClientFactory(CliEnvironment environment, KubeFlags flags)
    {
        _environment = environment ?? throw new ArgumentNullException(nameof(environment));
        _flags = flags ?? throw new ArgumentNullException(nameof(flags));
    }

    /// <summary>The flag values as kubeconfig overrides.</summary>
    public KubeConfigOverrides Overrides(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        return new KubeConfigOverrides
        {
            Context = parse.GetValue(_flags.Context),
            Cluster = parse.GetValue(_flags.Cluster),
            User = parse.GetValue(_flags.User),
            Namespace = parse.GetValue(_flags.Namespace),
            Token = parse.GetValue(_flags.Token),
            Impersonate = parse.GetValue(_flags.As),
            ImpersonateGroups = parse.GetValue(_flags.AsGroup) ?? [],
            Server = parse.GetValue(_flags.Server),
            CertificateAuthority = parse.GetValue(_flags.CertificateAuthority) is { Length: > 0 } ca ? Path.GetFullPath(ca, _environment.CurrentDirectory) : null,
            InsecureSkipTlsVerify = parse.GetValue(_flags.InsecureSkipTlsVerify),
            TlsServerName = parse.GetValue(_flags.TlsServerName),
            RequestTimeout = parse.GetValue(_flags.RequestTimeout),
        };
    }

    /// <summary>
    /// Client options: --kubeconfig, else KUBECONFIG, else ~/.kube/config; with none of them and no
    /// --server, the pod's service account when running in a cluster (as kubectl does).
    /// </summary>
    public KubeClientOptions Options(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var overrides = Overrides(parse);
        var config = KubeConfigLoader.Load(Source(parse));
        var inCluster = InCluster();
        if (config.IsEmpty && overrides.Server is null && inCluster.IsInCluster)
        {
            var options = KubeClientOptions.InCluster(inCluster);
            return options with
            {
                Namespace = overrides.Namespace ?? options.Namespace,
                BearerToken = overrides.Token,
                BearerTokenFile = overrides.Token is null ? options.BearerTokenFile : null,
                ImpersonateUser = overrides.Impersonate,
                ImpersonateGroups = overrides.ImpersonateGroups,
            };
        }

        return KubeClientOptionsBuilder.Build(config, overrides);
    }

    /// <summary>
    /// False only when nothing says where a cluster is: no kubeconfig (flag, KUBECONFIG, ~/.kube/config), no
    /// --server, not in a pod. Commands that have a useful answer without a cluster (<c>config view</c>) use it;
    /// an unreadable kubeconfig counts as configured, so <see cref="Create"/> reports it.
    /// </summary>
    public bool HasConfiguration(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        if (parse.GetValue(_flags.Server) is not null || parse.GetValue(_flags.Kubeconfig) is not null || InCluster().IsInCluster)
        {
            return true;
        }

        try
        {
            return !KubeConfigLoader.Load(Source(parse)).IsEmpty;
        }
        catch (KubeConfigException)
        {
            return true;
        }
    }

    /// <summary>A client for the command's flags; the caller disposes it.</summary>
    public KubeClient Create(ParseResult parse)
    {
        var options = Options(parse) with { UserAgent = $"kubectl-netguard/{ClientVersion.Current.GitVersion}" };
        return new KubeClient(options, stdinIsTerminal: _environment.InputIsTerminal);
    }

    private KubeConfigSource Source(ParseResult parse) => new()
    {
        ExplicitPath = parse.GetValue(_flags.Kubeconfig),
        KubeconfigVariable = _environment.GetEnvironmentVariable("KUBECONFIG"),
        HomeDirectory = _environment.HomeDirectory,
        CurrentDirectory = _environment.CurrentDirectory,
    };

    private InClusterEnvironment InCluster() => new()
    {
        ServiceHost = _environment.GetEnvironmentVariable("KUBERNETES_SERVICE_HOST"),
        ServicePort = _environment.GetEnvironmentVariable("KUBERNETES_SERVICE_PORT"),
    };
}
