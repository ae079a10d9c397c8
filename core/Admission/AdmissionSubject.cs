using System.Text.Json;
using System.Text.Json.Nodes;
using Netguard.Core.JsonPatch;
using Netguard.Core.Kube.Models;

namespace Netguard.Core.Admission;

/// <summary>
/// The object under admission, as JSON (so mutations can be expressed as patches against it) and as a
/// typed model (so rules can read it). Workload templates are admitted as synthetic Pods by `check`/`audit`.
/// </summary>
public sealed class AdmissionSubject
{
    private KubeObject? _typed;
    private KubeObject? _oldTyped;

    // A view made by a mutation carries the previous typed view and the operations until someone reads it.
    private KubeObject? _refreshFrom;
    private IReadOnlyList<JsonPatchOperation>? _refreshOperations;

    public AdmissionSubject(string kind, AdmissionOperation operation, JsonObject obj, JsonObject? oldObject = null)
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(obj);
        Kind = kind;
        Operation = operation;
        Object = obj;
        OldObject = oldObject;
    }

    /// <summary>The object's kind: Pod, Node, NetworkPolicy, Service, …</summary>
    public string Kind { get; }

    public AdmissionOperation Operation { get; }

    /// <summary>The object (for DELETE, the object being deleted).</summary>
    public JsonObject Object { get; }

    /// <summary>The previous object on UPDATE.</summary>
    public JsonObject? OldObject { get; }

    /// <summary>Namespace of the request; falls back to metadata.namespace.</summary>
    public string? Namespace { get; init; }

    public UserInfo? User { get; init; }

    public bool DryRun { get; init; }

    /// <summary>
    /// The parsed JSON <see cref="Object"/> was made from, when the caller has it (the webhook does): the typed
    /// view is read from it, which saves writing the node out first. It must hold the same object.
    /// </summary>
    public JsonElement? ObjectSource { get; init; }

    /// <summary>The same for <see cref="OldObject"/>.</summary>
    public JsonElement? OldObjectSource { get; init; }

    /// <summary>The typed view of <see cref="Object"/>, deserialized once on first use.</summary>
    public KubeObject Typed => _typed ??= ReadTyped();

    /// <summary>The typed view of <see cref="OldObject"/>, or null.</summary>
    public KubeObject? OldTyped => OldObject is null ? null : _oldTyped ??= Read(Kind, OldObjectSource, OldObject);

    /// <summary>The effective namespace: the request's, else the object's, else "default" for namespaced kinds.</summary>
    public string EffectiveNamespace => Namespace ?? Typed.Metadata.Namespace ?? "default";

    /// <summary>The same request with a different object (used to validate the mutated object).</summary>
    public AdmissionSubject WithObject(JsonObject obj) => new(Kind, Operation, obj, OldObject)
    {
        Namespace = Namespace, User = User, DryRun = DryRun, OldObjectSource = OldObjectSource, _oldTyped = _oldTyped,
    };

    /// <summary>
    /// The same request after <paramref name="operations"/> turned this object into <paramref name="mutated"/>.
    /// The typed view is carried over with only the patched members read again, not the whole object, and only
    /// when it is read: the engine settles it (<see cref="SettleTypedView"/>) before <paramref name="mutated"/>
    /// can change again, so after the last mutation of a request it is never read at all unless needed.
    /// </summary>
    internal AdmissionSubject WithMutation(JsonObject mutated, IReadOnlyList<JsonPatchOperation> operations)
    {
        var next = WithObject(mutated);
        next._refreshFrom = _typed; // none read yet: the next view is read whole
        next._refreshOperations = operations;
        return next;
    }

    /// <summary>Reads a pending typed view now, while the object still is what the operations made it.</summary>
    internal void SettleTypedView()
    {
        if (_typed is null && _refreshFrom is not null)
        {
            _ = Typed;
        }
    }

    private KubeObject ReadTyped()
    {
        var refreshed = _refreshFrom is { } from ? TypedViewRefresher.Refresh(from, Object, _refreshOperations!) : null;
        _refreshFrom = null;
        _refreshOperations = null;
        return refreshed ?? Read(Kind, ObjectSource, Object);
    }

    private static KubeObject Read(string kind, JsonElement? source, JsonObject obj) =>
        source is { } parsed ? KubeObjectReader.Read(kind, parsed) : KubeObjectReader.Read(kind, obj);
}
