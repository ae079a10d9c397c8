using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
namespace Netguard.Core.Kube.Models;

/// <summary>
/// The contracts read-only views are read with: <see cref="KubeJsonContext"/>'s, minus the extension-data members.
/// A view is never written back, so members the model does not name are skipped instead of each being copied
/// into a <see cref="JsonElement"/> of its own — most of a Pod (managedFields, env, volumes, probes, status), most
/// of the cost of reading one and most of the memory of keeping one (bench/webhook/CacheMemory: a running 4.4 kB
/// Pod keeps 16.6 kB with the full contract, 3.4 kB as a view). Rules' typed views and the webhook's caches are views; objects that may be
/// written back keep <see cref="KubeJsonContext"/>.
/// </summary>
public static class KubeViewJson
{
    public static JsonSerializerOptions Options { get; } = new(KubeJsonContext.Default.Options)
    {
        TypeInfoResolver = KubeJsonContext.Default.WithAddedModifier(DropExtensionData),
    };

    public static JsonTypeInfo? GetTypeInfo(Type type) =>
        Options.TryGetTypeInfo(type, out var info) ? info : null;

    public static JsonTypeInfo<T> Get<T>() => (JsonTypeInfo<T>)Options.GetTypeInfo(typeof(T));

    private static void DropExtensionData(JsonTypeInfo info)
    {
        if (info.Kind != JsonTypeInfoKind.Object)
        {
            return;
        }

        for (var i = info.Properties.Count - 1; i >= 0; i--)
        {
            if (info.Properties[i].IsExtensionData)
            {
                info.Properties.RemoveAt(i);
            }
        }
    }
}
