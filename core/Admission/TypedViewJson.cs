using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Netguard.Core.Kube.Models;

namespace Netguard.Core.Admission;

/// <summary>
/// The contracts typed views are read with: <see cref="KubeJsonContext"/>'s, minus the extension-data members.
/// Views are only read, never written back, so members the model does not name are skipped instead of each
/// being copied into a <see cref="JsonElement"/> of its own — most of a Pod (env, volumes, probes, status),
/// and most of the cost and allocation of reading one.
/// </summary>
internal static class TypedViewJson
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
