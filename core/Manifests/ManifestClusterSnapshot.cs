using System.Text.Json;
using Netguard.Core.Admission;
using Netguard.Core.Cluster;
using Netguard.Core.Kube.Models;

namespace Netguard.Core.Manifests;

/// <summary>
/// The cluster state that offline commands (<c>check -f</c>, <c>policy … -f</c>) take from manifests: the core/v1
/// Nodes, Namespaces and Pods and the networking.k8s.io/v1 NetworkPolicies among them. A kind counts as known
/// (<see cref="IClusterSnapshot.HasPods"/> and friends) only when at least one object of it is present: with no
/// Pods in the input, "no pod matches" cannot be concluded. Nothing is invented: a namespace that objects
/// refer to but that is not in the input stays absent, and consumers decide what that means.
/// </summary>
public static class ManifestClusterSnapshot
{
    /// <summary>Builds the snapshot; an object that does not fit its typed model fails with its source line.</summary>
    public static ClusterSnapshot Build(IEnumerable<Manifest> manifests)
    {
        ArgumentNullException.ThrowIfNull(manifests);
        List<Node>? nodes = null;
        List<Namespace>? namespaces = null;
        List<Pod>? pods = null;
        List<NetworkPolicy>? policies = null;
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
            }
        }

        return ClusterSnapshot.Create(nodes, namespaces, pods, policies);
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
            var field = FieldPath(e.Path);
            var line = field.Length > 0 ? manifest.LineOf(Pointer(e.Path)) : manifest.Source.Line;
            var reason = Reason(e.Message);
            throw ManifestException.At(manifest.Source.File, line, $"{manifest}: {(field.Length > 0 ? field + ": " : "")}{reason}", e);
        }
    }

    /// <summary>System.Text.Json's "could not be converted to System.Int32. Path: …" → "want an integer".</summary>
    private static string Reason(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        var m = (cut >= 0 ? message[..cut] : message).Trim().TrimEnd('.');
        const string Marker = "could not be converted to ";
        var at = m.IndexOf(Marker, StringComparison.Ordinal);
        if (at < 0)
        {
            return m;
        }

        var type = m[(at + Marker.Length)..];
        return type switch
        {
            "System.Int32" or "System.Int64" or "System.Nullable`1[System.Int32]" or "System.Nullable`1[System.Int64]" => "want an integer",
            "System.String" => "want a string",
            "System.Boolean" or "System.Nullable`1[System.Boolean]" => "want true or false",
            _ when type.Contains("Dictionary", StringComparison.Ordinal) => "want a mapping",
            _ when type.Contains("List", StringComparison.Ordinal) => "want a list",
            _ when type.StartsWith("Netguard.", StringComparison.Ordinal) => "want a mapping",
            _ => m,
        };
    }

    /// <summary>"$.spec.containers[0].ports" → "spec.containers[0].ports".</summary>
    private static string FieldPath(string? jsonPath) =>
        string.IsNullOrEmpty(jsonPath) || jsonPath == "$" ? "" : jsonPath.TrimStart('$').TrimStart('.');

    /// <summary>"$.spec.containers[0].ports" → "/spec/containers/0/ports" (good enough to find a line; quoted keys keep their text).</summary>
    private static string Pointer(string? jsonPath)
    {
        var p = FieldPath(jsonPath);
        if (p.Length == 0)
        {
            return "";
        }

        var sb = new System.Text.StringBuilder();
        foreach (var part in p.Replace("[", ".", StringComparison.Ordinal).Replace("]", "", StringComparison.Ordinal).Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            sb.Append('/').Append(part.Trim('\'').Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal));
        }

        return sb.ToString();
    }
}
