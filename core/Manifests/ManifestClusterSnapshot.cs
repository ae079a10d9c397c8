using System.Text.Json;
using Netguard.Core.Admission;
using Netguard.Core.Cluster;
using Netguard.Core.Kube.Models;

namespace Netguard.Core.Manifests;

/// <summary>
/// The cluster state that offline commands (<c>check -f</c>, <c>policy … -f</c>) take from manifests: the core/v1
/// Nodes, Namespaces and Pods and the networking.k8s.io/v1 NetworkPolicies among them. A kind counts as known
/// (<see cref="IClusterSnapshot.HasPods"/> and friends) only when at least one object of it is present: with no
/// Pods in the input, "no pod matches" cannot be concluded. A workload (apps/v1 Deployment, StatefulSet,
/// DaemonSet, ReplicaSet; batch/v1 Job, CronJob) stands for its pods with one Pod made from its template, named
/// after it, in its namespace and without addresses (so ipBlock peers never match it) — unless the input holds a
/// Pod of that name there. Nothing else is invented: a namespace that objects refer to but that is not in the
/// input stays absent, and consumers decide what that means.
/// </summary>
public static class ManifestClusterSnapshot
{
    /// <summary>Builds the snapshot; an object that does not fit its typed model fails with its source line.</summary>
    /// <param name="workloadPods">When given, receives the Pods made from workload templates.</param>
    public static ClusterSnapshot Build(IEnumerable<Manifest> manifests, ICollection<Pod>? workloadPods = null)
    {
        ArgumentNullException.ThrowIfNull(manifests);
        List<Node>? nodes = null;
        List<Namespace>? namespaces = null;
        List<Pod>? pods = null;
        List<NetworkPolicy>? policies = null;
        List<Pod>? templates = null;
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
                    (pods ??= []).Add(Read<Pod>(m));
                    break;
                case ("networking.k8s.io/v1", "NetworkPolicy"):
                    (policies ??= []).Add(Read<NetworkPolicy>(m));
                    break;
                case ("apps/v1", "Deployment" or "StatefulSet" or "DaemonSet" or "ReplicaSet") or ("batch/v1", "Job" or "CronJob"):
                    if (TemplatePod(m) is { } pod)
                    {
                        (templates ??= []).Add(pod);
                    }

                    break;
            }
        }

        foreach (var pod in templates ?? [])
        {
            if (pods?.Any(p => p.Metadata.Name == pod.Metadata.Name && p.Metadata.Namespace == pod.Metadata.Namespace) != true)
            {
                (pods ??= []).Add(pod);
                workloadPods?.Add(pod);
            }
        }

        return ClusterSnapshot.Create(nodes, namespaces, pods, policies);
    }

    /// <summary>The Pod a workload's template makes, or null without a template; the workload is read first so a bad field names its line.</summary>
    private static Pod? TemplatePod(Manifest workload)
    {
        Read<KubeObject>(workload);
        return PodTemplateAdmission.ToPod(workload.Kind, workload.Object) is { } pod ? (Pod)KubeObjectReader.Read("Pod", pod) : null;
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
