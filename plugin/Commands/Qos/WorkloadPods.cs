using Netguard.Core.Kube.Client;
using Netguard.Core.Kube.Models;
using Netguard.Core.Kube.Resources;
using Netguard.Core.Rules;

namespace Netguard.Plugin.Commands.Qos;

/// <summary>
/// The pods a workload runs, found the way the garbage collector links them: by controller ownerReferences
/// (uid when the reference has one, else kind and name). A Deployment's pods belong to its ReplicaSets, a
/// CronJob's to its Jobs.
/// </summary>
internal static class WorkloadPods
{
    public static async Task<List<Pod>> FindAsync(IKubeClient client, KubeObject workload, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(workload);
        var ns = workload.Metadata.Namespace;
        var pods = (await client.ListAsync(KubeResourceTypes.Pods, ns, cancellationToken: cancellationToken).ConfigureAwait(false)).Items;
        IReadOnlyList<KubeObject> owners = workload.Kind switch
        {
            "Deployment" => Owned((await client.ListAsync(KubeResourceTypes.ReplicaSets, ns, cancellationToken: cancellationToken).ConfigureAwait(false)).Items, workload),
            "CronJob" => Owned((await client.ListAsync(KubeResourceTypes.Jobs, ns, cancellationToken: cancellationToken).ConfigureAwait(false)).Items, workload),
            _ => [workload],
        };
        return pods.Where(p => owners.Any(o => IsControlledBy(p, o)))
            .OrderBy(p => p.Metadata.Name, StringComparer.Ordinal)
            .ToList();
    }

    private static List<KubeObject> Owned<T>(IEnumerable<T> candidates, KubeObject owner)
        where T : KubeObject => candidates.Where(c => IsControlledBy(c, owner)).Cast<KubeObject>().ToList();

    private static bool IsControlledBy(KubeObject obj, KubeObject owner)
    {
        if (ControllerReference.Of(obj) is not { } reference)
        {
            return false;
        }

        return reference.Uid is { Length: > 0 } uid && owner.Metadata.Uid is { Length: > 0 } ownerUid
            ? uid == ownerUid
            : reference.Kind == owner.Kind && reference.Name == owner.Metadata.Name;
    }
}
