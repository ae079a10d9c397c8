using System.Text.Json;
using Netguard.Core.Admission;
using Netguard.Core.Cluster;
using Netguard.Core.Kube.Models;
using Netguard.Core.Rules;
using Netguard.Core.Rules.Topology;

namespace Netguard.Core.Manifests;

/// <summary>
/// The cluster state that offline commands (<c>check -f</c>, <c>policy … -f</c>) take from manifests: the core/v1
/// Nodes, Namespaces and Pods and the networking.k8s.io/v1 NetworkPolicies among them. A kind counts as known
/// (<see cref="IClusterSnapshot.HasPods"/> and friends) only when at least one object of it is present: with no
/// Pods in the input, "no pod matches" cannot be concluded. A workload (apps/v1 Deployment, StatefulSet,
/// DaemonSet, ReplicaSet; batch/v1 Job, CronJob) stands for its pods with one Pod made from its template, named
/// after it, in its namespace and without addresses (so ipBlock peers never match it) — unless the input holds
/// its pods already (not finished; controlled by it, or for a Deployment by its ReplicaSet <c>NAME-HASH</c>, for a
/// CronJob by its Job <c>NAME-TIME</c>), or a Pod of its name; a ReplicaSet or Job controlled by a Deployment or CronJob is
/// left to its owner. Nothing else is invented: a namespace that objects refer to but that is not in the input
/// stays absent, and consumers decide what that means.
/// </summary>
public static class ManifestClusterSnapshot
{
    /// <summary>Builds the snapshot; an object that does not fit its typed model fails with its source line.</summary>
    /// <param name="workloadPods">When given, receives the Pods made from workload templates.</param>
    /// <param name="defaultNamespace">Where Pods, NetworkPolicies and workloads without a namespace go, as with <c>kubectl apply -f</c>.</param>
    public static ClusterSnapshot Build(IEnumerable<Manifest> manifests, ICollection<Pod>? workloadPods = null, string defaultNamespace = "default")
    {
        ArgumentNullException.ThrowIfNull(manifests);
        List<Node>? nodes = null;
        List<Namespace>? namespaces = null;
        List<Pod>? pods = null;
        List<NetworkPolicy>? policies = null;
        List<(KubeObject Workload, Pod Pod)>? templates = null;
        foreach (var m in manifests)
        {
            switch ((m.ApiVersion, m.Kind))
            {
                case ("v1", "Node"):
                    (nodes ??= []).Add(Read<Node>(m));
                    break;
                case ("v1", "Namespace"):
                    (namespaces ??= []).Add(Read<Namespace>(m));
                    break;
                case ("v1", "Pod"):
                    (pods ??= []).Add(Namespaced(Read<Pod>(m)));
                    break;
                case ("networking.k8s.io/v1", "NetworkPolicy"):
                    (policies ??= []).Add(Namespaced(Read<NetworkPolicy>(m)));
                    break;
                case ("apps/v1", "Deployment" or "StatefulSet" or "DaemonSet" or "ReplicaSet") or ("batch/v1", "Job" or "CronJob"):
                    var workload = Read<KubeObject>(m);
                    if (PodTemplateAdmission.ToPod(m.Kind, m.Object) is { } template)
                    {
                        (templates ??= []).Add((workload, Namespaced((Pod)KubeObjectReader.Read("Pod", template))));
                    }

                    break;
            }
        }

        foreach (var (workload, pod) in templates ?? [])
        {
            if (ControllerReference.IsOwnedBy(workload, "Deployment") || ControllerReference.IsOwnedBy(workload, "CronJob")
                || pods?.Any(p => p.Metadata.Namespace == pod.Metadata.Namespace
                    && (p.Metadata.Name == pod.Metadata.Name || (!p.IsFinished() && IsControlledBy(p, workload)))) == true)
            {
                continue;
            }

            (pods ??= []).Add(pod);
            workloadPods?.Add(pod);
        }

        return ClusterSnapshot.Create(nodes, namespaces, pods, policies);

        T Namespaced<T>(T obj)
            where T : KubeObject
        {
            obj.Metadata.Namespace ??= defaultNamespace;
            return obj;
        }
    }

    /// <summary>Whether the pod is one of the workload's, by the names its controllers give their children.</summary>
    private static bool IsControlledBy(Pod pod, KubeObject workload)
    {
        if (ControllerReference.Of(pod) is not { Name: { } owner } reference || workload.Metadata.Name is not { } name)
        {
            return false;
        }

        return (reference.Kind, workload.Kind) switch
        {
            ("ReplicaSet", "Deployment") => pod.Metadata.Labels?.GetValueOrDefault(TopologySpreadRule.PodTemplateHashLabel) is { } hash
                && owner == $"{name}-{hash}",
            ("Job", "CronJob") => owner.Length > name.Length + 1 && owner.StartsWith(name + "-", StringComparison.Ordinal)
                && !owner.AsSpan(name.Length + 1).ContainsAnyExceptInRange('0', '9'),
            _ => reference.Kind == workload.Kind && owner == name,
        };
    }

    /// <summary>The typed model of a manifest, or a one-line <see cref="ManifestException"/> naming the bad field.</summary>
    public static T Read<T>(Manifest manifest)
        where T : KubeObject
    {
        ArgumentNullException.ThrowIfNull(manifest);
        try
        {
            return (T)KubeObjectReader.Read(manifest.Kind, manifest.Object);
        }
        catch (JsonException e)
        {
            var error = FieldTypeError.From(e);
            var line = error.Field.Length > 0 ? manifest.LineOf(error.Pointer) : manifest.Source.Line;
            throw ManifestException.At(manifest.Source.File, line, $"{manifest}: {(error.Field.Length > 0 ? error.Field + ": " : "")}{error.Reason}", e);
        }
    }
}
