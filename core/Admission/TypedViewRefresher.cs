using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Netguard.Core.JsonPatch;
using Netguard.Core.Kube.Models;

namespace Netguard.Core.Admission;

/// <summary>
/// Brings a typed view up to date with a patched JSON object by reading again only the members the patch
/// touched. A Pod read costs microseconds and every mutating rule would otherwise pay it for the next rule;
/// a patch touches one list or map. Objects along a patched path are copied, never changed, so earlier
/// views stay as they were. Works from the serializer's own metadata, so it knows the same names and types
/// a full read does.
/// </summary>
internal static class TypedViewRefresher
{
    /// <summary>The refreshed view, or null when a patched member is not in the model (read it all again then).</summary>
    public static KubeObject? Refresh(KubeObject typed, JsonObject patched, IReadOnlyList<JsonPatchOperation> operations)
    {
        if (KubeViewJson.GetTypeInfo(typed.GetType()) is not { Kind: JsonTypeInfoKind.Object } rootInfo
            || Copy(typed, rootInfo) is not KubeObject root)
        {
            return null;
        }

        var copies = new HashSet<object>(ReferenceEqualityComparer.Instance) { root };
        foreach (var operation in operations)
        {
            var tokens = JsonPointer.Parse(operation.Path);
            if (tokens.Count == 0 || operation.From is not null || !Refresh(root, rootInfo, patched, tokens, 0, copies))
            {
                return null;
            }
        }

        return root;
    }

    private static bool Refresh(object target, JsonTypeInfo info, JsonNode? node, IReadOnlyList<string> tokens, int index, HashSet<object> copies)
    {
        var property = Find(info, tokens[index]);
        if (property?.Get is null || property.Set is null
            || KubeViewJson.GetTypeInfo(property.PropertyType) is not { } memberInfo)
        {
            return false;
        }

        var memberNode = node is JsonObject obj && obj.TryGetPropertyValue(tokens[index], out var child) ? child : null;
        var current = property.Get(target);
        if (index == tokens.Count - 1 || memberInfo.Kind != JsonTypeInfoKind.Object || current is null || memberNode is not JsonObject)
        {
            // The patch ends in this member, or goes into a list or map: read the member again as a whole.
            property.Set(target, memberNode?.Deserialize(memberInfo));
            return true;
        }

        if (!copies.Contains(current))
        {
            current = Copy(current, memberInfo);
            if (current is null)
            {
                return false;
            }

            copies.Add(current);
            property.Set(target, current);
        }

        return Refresh(current, memberInfo, memberNode, tokens, index + 1, copies);
    }

    private static JsonPropertyInfo? Find(JsonTypeInfo info, string name)
    {
        foreach (var property in info.Properties)
        {
            if (string.Equals(property.Name, name, StringComparison.Ordinal))
            {
                return property;
            }
        }

        return null;
    }

    /// <summary>A member-wise copy: the members themselves are shared, which is safe because they are only replaced, never changed.</summary>
    private static object? Copy(object source, JsonTypeInfo info)
    {
        if (info.CreateObject is null)
        {
            return null;
        }

        var copy = info.CreateObject();
        foreach (var property in info.Properties)
        {
            if (property.Get is null || property.Set is null)
            {
                return null;
            }

            property.Set(copy, property.Get(source));
        }

        return copy;
    }
}
