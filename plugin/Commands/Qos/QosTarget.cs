using System.Text.Json.Nodes;
using Netguard.Core.Admission;
using Netguard.Core.Kube.Client;
using Netguard.Core.Kube.Errors;
using Netguard.Core.Kube.Models;
using Netguard.Core.Kube.Resources;
using Netguard.Plugin.Cli;

namespace Netguard.Plugin.Commands.Qos;

/// <summary>
/// A <c>TYPE/NAME</c> argument as kubectl takes it: a pod or a workload, by kind, plural, short name or
/// <c>kind.group</c> (<c>pod/web-1</c>, <c>deploy/web</c>, <c>deployment.apps/web</c>, <c>cj/nightly</c>).
/// </summary>
internal sealed record QosTarget(KubeResource Resource, string Name)
{
    private static readonly (string[] Names, KubeResource Resource)[] Types =
    [
        (["pod", "pods", "po"], KubeResource.Pods),
        (["deployment", "deployments", "deploy", "deployment.apps"], KubeResource.Deployments),
        (["statefulset", "statefulsets", "sts", "statefulset.apps"], KubeResource.StatefulSets),
        (["daemonset", "daemonsets", "ds", "daemonset.apps"], KubeResource.DaemonSets),
        (["replicaset", "replicasets", "rs", "replicaset.apps"], KubeResource.ReplicaSets),
        (["job", "jobs", "job.batch"], KubeResource.Jobs),
        (["cronjob", "cronjobs", "cj", "cronjob.batch"], KubeResource.CronJobs),
    ];

    public bool IsPod => Resource == KubeResource.Pods;

    /// <summary>kubectl's way of naming it: pod/web-1, deployment.apps/web, cronjob.batch/nightly.</summary>
    public string Display => Describe(Resource, Name);

    public static string Describe(KubeResource resource, string name)
    {
        ArgumentNullException.ThrowIfNull(resource);
        var kind = resource.Kind.ToLowerInvariant();
        return resource.Group.Length == 0 ? $"{kind}/{name}" : $"{kind}.{resource.Group}/{name}";
    }

    /// <summary>GETs the target from <paramref name="ns"/>, with kind and apiVersion filled in where the server leaves them out.</summary>
    /// <exception cref="CliException">It does not exist (exit 2).</exception>
    public async Task<JsonObject> GetAsync(IKubeClient client, string ns, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        JsonObject json;
        try
        {
            json = await client.GetAsync(KubeResourceTypes.Raw(Resource), ns, Name, cancellationToken);
        }
        catch (KubeApiException e) when (e.IsNotFound)
        {
            throw CliException.Input($"{Display} not found in namespace {ns}");
        }

        json["kind"] ??= Resource.Kind;
        json["apiVersion"] ??= Resource.ApiVersion;
        return json;
    }

    /// <summary>
    /// The pod a fetched target stands for: the pod itself, or the workload's pod template as a pod (an empty pod
    /// when the workload has no template).
    /// </summary>
    public Pod PodOf(JsonObject fetched)
    {
        ArgumentNullException.ThrowIfNull(fetched);
        return (Pod)KubeObjectReader.Read("Pod", IsPod ? fetched : PodTemplateAdmission.ToPod(Resource.Kind, fetched) ?? []);
    }

    /// <exception cref="CliException">Not TYPE/NAME, or a type that has no pods to classify (exit 2).</exception>
    public static QosTarget Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || slash == text.Length - 1 || text.IndexOf('/', slash + 1) >= 0)
        {
            throw CliException.Input($"\"{text}\": want TYPE/NAME, e.g. pod/web-1 or deployment/web");
        }

        var type = text[..slash].ToLowerInvariant();
        var match = Types.FirstOrDefault(t => t.Names.Contains(type, StringComparer.Ordinal));
        if (match.Resource is null)
        {
            throw CliException.Input($"\"{text}\": unknown type \"{text[..slash]}\" (want pod, deployment, statefulset, daemonset, replicaset, job or cronjob)");
        }

        return new QosTarget(match.Resource, text[(slash + 1)..]);
    }
}
