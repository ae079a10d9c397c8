using System.Text.Json;
using System.Text.Json.Nodes;
using Netguard.Core.Admission;
using Netguard.Core.Cluster;
using Netguard.Core.Kube.Models;
using Netguard.Core.Manifests;

namespace Netguard.Core.Check;

/// <summary>
/// The cluster state `check` judges manifests against (SPEC §7): the Nodes, Namespaces, Pods and
/// NetworkPolicies in the input. Each workload contributes one Pod built from its template (so a policy
/// that selects a Deployment's pods selects something). Every namespace an object lives in exists, labelled
/// <c>kubernetes.io/metadata.name</c> as the API server labels it. Nodes and Pods count as known only when the
/// input has some: with no Node in the input, rules that need nodes fall back to what they can tell without.
/// </summary>
public static class ManifestSnapshot
{
    public static ClusterSnapshot Build(IEnumerable<CheckInput> inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var nodes = new List<Node>();
        var namespaces = new Dictionary<string, Namespace>(StringComparer.Ordinal);
        var pods = new List<Pod>();
        var policies = new List<NetworkPolicy>();
        var referenced = new SortedSet<string>(StringComparer.Ordinal);
        var knowsPods = false;

        foreach (var input in inputs)
        {
            var kind = input.Object["kind"] is JsonValue v && v.TryGetValue<string>(out var k) ? k : null;
            if (kind is null)
            {
                continue;
            }

            if (!KindScope.IsClusterScoped(kind))
            {
                referenced.Add(NamespaceOf(input.Object));
            }

            switch (kind)
            {
                case "Node":
                    nodes.Add((Node)Read(kind, input.Object, input));
                    break;
                case "Namespace":
                    var ns = (Namespace)Read(kind, input.Object, input);
                    namespaces[ns.Metadata.Name ?? ""] = ns;
                    break;
                case "Pod":
                    knowsPods = true;
                    pods.Add(WithNamespace((Pod)Read(kind, input.Object, input), input.Object));
                    break;
                case "NetworkPolicy":
                    policies.Add(WithNamespace((NetworkPolicy)Read(kind, input.Object, input), input.Object));
                    break;
                default:
                    if (PodTemplateAdmission.IsWorkload(kind))
                    {
                        knowsPods = true;
                        Read(kind, input.Object, input);
                        if (PodTemplateAdmission.ToPod(kind, input.Object) is { } pod)
                        {
                            pods.Add(WithNamespace((Pod)KubeObjectReader.Read("Pod", pod), input.Object));
                        }
                    }

                    break;
            }
        }

        foreach (var ns in referenced.Where(n => !namespaces.ContainsKey(n)))
        {
            namespaces[ns] = new Namespace { ApiVersion = "v1", Kind = "Namespace", Metadata = new ObjectMeta { Name = ns } };
        }

        foreach (var (name, ns) in namespaces)
        {
            ns.Metadata.Labels = Namespace.SelectorLabels(name, ns);
        }

        return ClusterSnapshot.Create(
            nodes.Count > 0 ? nodes : null,
            namespaces.Values.ToList(),
            knowsPods ? pods : null,
            policies);
    }

    /// <summary>The object's namespace: metadata.namespace, else "default" (cluster-scoped kinds: "").</summary>
    public static string NamespaceOf(JsonObject obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var kind = obj["kind"]?.GetValueKind() == JsonValueKind.String ? obj["kind"]!.GetValue<string>() : "";
        if (KindScope.IsClusterScoped(kind))
        {
            return "";
        }

        return obj["metadata"] is JsonObject meta && meta["namespace"] is JsonValue ns && ns.TryGetValue<string>(out var s) && s.Length > 0
            ? s
            : "default";
    }

    /// <summary>Reads the typed model; a field of the wrong shape becomes a one-line error naming file, line, object and field.</summary>
    public static KubeObject Read(string kind, JsonObject obj, CheckInput input)
    {
        ArgumentNullException.ThrowIfNull(obj);
        return Read(input, () => KubeObjectReader.Read(kind, obj));
    }

    /// <summary>The same for an admission subject's typed view, which the rules then reuse instead of reading it again.</summary>
    public static KubeObject Read(AdmissionSubject subject, CheckInput input)
    {
        ArgumentNullException.ThrowIfNull(subject);
        return Read(input, () => subject.Typed);
    }

    private static KubeObject Read(CheckInput input, Func<KubeObject> read)
    {
        ArgumentNullException.ThrowIfNull(input);
        try
        {
            return read();
        }
        catch (JsonException e)
        {
            var pointer = FieldTypeError.From(e).Pointer;
            var field = pointer.Length == 0 ? "object" : pointer.TrimStart('/').Replace('/', '.');
            throw new CheckInputException(
                $"{input.Origin(pointer.Length == 0 ? null : pointer)}: {Describe(input.Object)}: {field} has the wrong type", e);
        }
    }

    /// <summary>"Kind namespace/name" (or "Kind name" for cluster-scoped kinds) for messages.</summary>
    public static string Describe(JsonObject obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var kind = obj["kind"] is JsonValue k && k.TryGetValue<string>(out var ks) ? ks : "object";
        var ns = NamespaceOf(obj);
        var name = NameOf(obj);
        return ns.Length == 0 ? $"{kind} {name}" : $"{kind} {ns}/{name}";
    }

    /// <summary>metadata.name, else metadata.generateName + "*", else "(unnamed)".</summary>
    public static string NameOf(JsonObject obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var meta = obj["metadata"] as JsonObject;
        if (meta?["name"] is JsonValue n && n.TryGetValue<string>(out var name) && name.Length > 0)
        {
            return name;
        }

        return meta?["generateName"] is JsonValue g && g.TryGetValue<string>(out var prefix) && prefix.Length > 0
            ? prefix + "*"
            : "(unnamed)";
    }

    private static T WithNamespace<T>(T obj, JsonObject json)
        where T : KubeObject
    {
        obj.Metadata.Namespace ??= NamespaceOf(json);
        return obj;
    }
}
