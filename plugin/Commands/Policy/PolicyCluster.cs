using System.CommandLine;
using Netguard.Core.Cluster;
using Netguard.Core.Kube.Models;
using Netguard.Core.Manifests;
using Netguard.Core.Reachability;
using Netguard.Plugin.Cli;

namespace Netguard.Plugin.Commands.Policy;

/// <summary>
/// The cluster the policy commands reason about, with the engine built over it: offline from <c>-f</c>
/// manifests (Namespaces, Pods with status.podIP/podIPs, workloads standing for their pods through their
/// templates, NetworkPolicies; files, directories, <c>-</c>, Lists, multi-document YAML), or live from the API
/// server (all namespaces, since peers cross namespaces).
/// Policies the API server would reject stop the command with the file, line and field.
/// </summary>
internal sealed class PolicyCluster
{
    private PolicyCluster(ReachabilityEngine engine, string defaultNamespace, bool live)
    {
        Engine = engine;
        DefaultNamespace = defaultNamespace;
        Live = live;
    }

    public ReachabilityEngine Engine { get; }

    /// <summary>Where a bare pod name lives: -n, else (live) the context's namespace, else "default".</summary>
    public string DefaultNamespace { get; }

    public bool Live { get; }

    public static async Task<PolicyCluster> LoadAsync(CliContext context, ParseResult parse, string[]? files, CancellationToken cancellationToken)
    {
        var ns = parse.GetValue(context.Flags.Namespace);
        return files is { Length: > 0 }
            ? FromManifests(context, files, ns ?? "default")
            : await FromApiAsync(context, parse, cancellationToken);
    }

    /// <summary>
    /// Which pods a listing command shows, sorted by namespace and name (the same order live and offline):
    /// -A all; -n that namespace; otherwise everything in the manifests offline, and the context's
    /// namespace live (as kubectl does).
    /// </summary>
    public IReadOnlyList<PodEndpoint> PodsInScope(CliContext context, ParseResult parse)
    {
        var explicitNamespace = parse.GetValue(context.Flags.Namespace);
        IEnumerable<PodEndpoint> pods = Engine.Pods;
        if (!parse.GetValue(context.Flags.AllNamespaces) && (explicitNamespace is not null || Live))
        {
            var ns = explicitNamespace ?? DefaultNamespace;
            if (!Engine.HasNamespace(ns))
            {
                throw CliException.Input($"namespace \"{ns}\" not found");
            }

            pods = pods.Where(p => p.Namespace == ns);
        }

        return pods.OrderBy(p => p.Namespace, StringComparer.Ordinal).ThenBy(p => p.Name, StringComparer.Ordinal).ToList();
    }

    private static PolicyCluster FromManifests(CliContext context, string[] files, string defaultNamespace)
    {
        IReadOnlyList<Manifest> manifests;
        ClusterSnapshot snapshot;
        var workloadPods = new HashSet<Pod>(ReferenceEqualityComparer.Instance);
        try
        {
            manifests = ManifestReader.ReadPaths(files, context.Environment.In, context.Environment.CurrentDirectory);
            snapshot = ManifestClusterSnapshot.Build(manifests, workloadPods, defaultNamespace);
        }
        catch (ManifestException e)
        {
            throw CliException.Input(e.Message);
        }

        var engine = ReachabilityEngine.Create(snapshot, workloadPods.Contains);
        if (engine.Problems.Count > 0)
        {
            var problem = engine.Problems[0];
            var source = manifests.FirstOrDefault(m => m.Kind == "NetworkPolicy"
                && (m.Namespace ?? defaultNamespace) == problem.Policy.Namespace && m.Name == problem.Policy.Name);
            var where = source is null ? "" : $"{source.Source.File}:{source.LineOf(FieldPath.FromJsonPath(problem.Path))}: ";
            throw CliException.Input(where + problem);
        }

        return new PolicyCluster(engine, defaultNamespace, live: false);
    }

    private static async Task<PolicyCluster> FromApiAsync(CliContext context, ParseResult parse, CancellationToken cancellationToken)
    {
        using var client = context.KubeClients.Create(parse);
        var live = await LiveCluster.LoadAsync(
            client,
            LiveKinds.Pods | LiveKinds.NetworkPolicies | LiveKinds.Namespaces,
            context.Error,
            new Dictionary<LiveKinds, string>
            {
                // Namespace labels matter only to namespaceSelectors: say what is missing and go on with names.
                [LiveKinds.Namespaces] = "namespaceSelectors see only the kubernetes.io/metadata.name label",
            },
            cancellationToken);

        var engine = ReachabilityEngine.Create(ClusterSnapshot.Create(namespaces: live.Namespaces ?? [], pods: live.Pods, networkPolicies: live.NetworkPolicies));
        if (engine.Problems.Count > 0)
        {
            throw CliException.Input(engine.Problems[0].ToString());
        }

        return new PolicyCluster(engine, client.DefaultNamespace, live: true);
    }
}
