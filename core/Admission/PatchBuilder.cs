using System.Text.Json.Nodes;
using Netguard.Core.JsonPatch;

namespace Netguard.Core.Admission;

/// <summary>
/// Builds add-only JSON patches against an object: appends to lists with <c>/-</c> and creates missing
/// parents instead of replacing or reordering anything the user wrote. Every operation it returns is
/// already applied to its working copy (<see cref="Current"/>), so a second append to a list the first one
/// created becomes <c>/-</c> too, and the admission engine needs no second pass to apply the patch.
/// </summary>
public sealed class PatchBuilder
{
    private readonly JsonObject _original;
    private JsonObject? _working;

    public PatchBuilder(JsonObject obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        _original = obj;
    }

    /// <summary>The object with every operation returned so far applied; the original until the first write.</summary>
    public JsonObject Current => _working ?? _original;

    /// <summary>How many operations this builder has returned (and applied to <see cref="Current"/>).</summary>
    public int OperationCount { get; private set; }

    /// <summary>Applies operations made without this builder to its working copy, as if it had made them.</summary>
    internal void Apply(IReadOnlyList<JsonPatchOperation> operations)
    {
        _working = JsonPatchApplier.ApplyInPlace(_working ?? _original.DeepClone(), operations) as JsonObject
            ?? throw new InvalidOperationException("the patch replaced the object with a non-object");
        OperationCount += operations.Count;
    }

    /// <summary>The node at the path (unescaped tokens), or null when it is missing or JSON null.</summary>
    public JsonNode? Find(params ReadOnlySpan<string> tokens)
    {
        JsonNode? node = Current;
        foreach (var token in tokens)
        {
            node = node is JsonObject obj && obj.TryGetPropertyValue(token, out var child) ? child : null;
            if (node is null)
            {
                return null;
            }
        }

        return node;
    }

    /// <summary>
    /// Appends <paramref name="item"/> to the list at <paramref name="listPath"/>, creating the list and its
    /// missing parents. Returns no operations when a parent on the path is not an object (a malformed object
    /// is left alone rather than overwritten). A value without a parent becomes the operation's own value,
    /// so it must not be changed afterwards; one that has a parent is copied.
    /// </summary>
    public IReadOnlyList<JsonPatchOperation> Append(ReadOnlySpan<string> listPath, JsonNode item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return Write(listPath, item, append: true);
    }

    /// <summary>
    /// Sets the member at <paramref name="memberPath"/> (add, or replace when it exists), creating missing parents.
    /// The value is taken as <see cref="Append"/> takes it.
    /// </summary>
    public IReadOnlyList<JsonPatchOperation> Set(ReadOnlySpan<string> memberPath, JsonNode value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return Write(memberPath, value, append: false);
    }

    private IReadOnlyList<JsonPatchOperation> Write(ReadOnlySpan<string> tokens, JsonNode value, bool append)
    {
        if (tokens.Length == 0)
        {
            throw new ArgumentException("path must not be empty", nameof(tokens));
        }

        _working ??= _original.DeepClone().AsObject();
        value = value.Parent is null ? value : value.DeepClone();
        JsonNode node = _working;
        for (var i = 0; i < tokens.Length; i++)
        {
            if (node is not JsonObject obj)
            {
                return [];
            }

            var token = tokens[i];
            if (!obj.TryGetPropertyValue(token, out var child) || child is null)
            {
                // Missing from here down: add one nested value at the first missing member.
                JsonNode nested = append ? new JsonArray(value) : value;
                for (var j = tokens.Length - 1; j > i; j--)
                {
                    nested = new JsonObject { [tokens[j]] = nested };
                }

                var path = JsonPointer.Create(tokens[..(i + 1)]);
                obj[token] = nested.DeepClone();
                OperationCount++;
                return [JsonPatchOperation.Add(path, nested)];
            }

            if (i == tokens.Length - 1)
            {
                if (append)
                {
                    if (child is not JsonArray list)
                    {
                        return [];
                    }

                    list.Add(value.DeepClone());
                    OperationCount++;
                    return [JsonPatchOperation.Add(JsonPointer.Create(tokens) + "/-", value)];
                }

                obj[token] = value.DeepClone();
                OperationCount++;
                return [JsonPatchOperation.Replace(JsonPointer.Create(tokens), value)];
            }

            node = child;
        }

        return [];
    }
}
