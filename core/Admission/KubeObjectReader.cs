using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Netguard.Core.Kube.Models;

namespace Netguard.Core.Admission;

/// <summary>
/// Turns a JSON object of a known kind into its typed model: a read-only view for rules and snapshots, which
/// keeps the members the model names and skips the rest (see <see cref="KubeViewJson"/>).
/// </summary>
public static class KubeObjectReader
{
    private static readonly Dictionary<string, JsonTypeInfo> Infos = new(StringComparer.Ordinal)
    {
        ["Pod"] = KubeViewJson.Get<Pod>(),
        ["Node"] = KubeViewJson.Get<Node>(),
        ["Namespace"] = KubeViewJson.Get<Namespace>(),
        ["NetworkPolicy"] = KubeViewJson.Get<NetworkPolicy>(),
        ["Service"] = KubeViewJson.Get<Service>(),
        ["ConfigMap"] = KubeViewJson.Get<ConfigMap>(),
        ["Deployment"] = KubeViewJson.Get<Deployment>(),
        ["StatefulSet"] = KubeViewJson.Get<StatefulSet>(),
        ["DaemonSet"] = KubeViewJson.Get<DaemonSet>(),
        ["ReplicaSet"] = KubeViewJson.Get<ReplicaSet>(),
        ["Job"] = KubeViewJson.Get<Job>(),
        ["CronJob"] = KubeViewJson.Get<CronJob>(),
    };

    public static KubeObject Read(string kind, JsonNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return Result(kind, node.Deserialize(InfoFor(kind)));
    }

    /// <summary>Reads from parsed JSON directly, which saves writing a node out first.</summary>
    public static KubeObject Read(string kind, JsonElement element) => Result(kind, element.Deserialize(InfoFor(kind)));

    public static bool IsSupported(string kind) => Infos.ContainsKey(kind);

    private static JsonTypeInfo InfoFor(string kind) =>
        Infos.TryGetValue(kind, out var info) ? info : throw new NotSupportedException($"kind {kind} is not supported");

    private static KubeObject Result(string kind, object? value) =>
        value as KubeObject ?? throw new JsonException($"{kind} object is null");
}
