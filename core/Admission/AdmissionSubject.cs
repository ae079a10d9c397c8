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

    /// <summary>The typed view of <see cref="Object"/>, deserialized once on first use.</summary>
    public KubeObject Typed => _typed ??= KubeObjectReader.Read(Kind, Object);

    /// <summary>The typed view of <see cref="OldObject"/>, or null.</summary>
    public KubeObject? OldTyped => OldObject is null ? null : _oldTyped ??= KubeObjectReader.Read(Kind, OldObject);

    /// <summary>The effective namespace: the request's, else the object's, else "default" for namespaced kinds.</summary>
    public string EffectiveNamespace => Namespace ?? Typed.Metadata.Namespace ?? "default";

    /// <summary>The same request with a different object (used to validate the mutated object).</summary>
    public AdmissionSubject WithObject(JsonObject obj) =>
        new(Kind, Operation, obj, OldObject) { Namespace = Namespace, User = User, DryRun = DryRun, _oldTyped = _oldTyped };

    /// <summary>
    /// The same request after <paramref name="operations"/> turned this object into <paramref name="mutated"/>.
    /// The typed view is carried over with only the patched members read again, not the whole object.
    /// </summary>
    internal AdmissionSubject WithMutation(JsonObject mutated, IReadOnlyList<JsonPatchOperation> operations)
    {
        var next = WithObject(mutated);
        next._typed = _typed is null ? null : TypedViewRefresher.Refresh(_typed, mutated, operations);
        return next;
    }
}
