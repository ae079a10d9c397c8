using System.Text.Json.Nodes;
using Netguard.Core.Cluster;
using Netguard.Core.Config;
using Netguard.Core.JsonPatch;

namespace Netguard.Core.Admission;

/// <summary>
/// Admits a workload (Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob) through its pod template,
/// as `check` and `audit` do (SPEC §5): the template becomes a synthetic Pod CREATE in the workload's namespace,
/// controlled by the kind that will really own the pods (a Deployment's pods are ReplicaSet-owned, a CronJob's
/// Job-owned), so DaemonSet and ReplicaSet logic applies. The Pod's patch is mapped back under the template
/// (<c>/spec/template/…</c>, <c>/spec/jobTemplate/spec/template/…</c>), adding a missing template metadata.
/// </summary>
public static class PodTemplateAdmission
{
    public static bool IsWorkload(string kind) =>
        kind is "Deployment" or "StatefulSet" or "DaemonSet" or "ReplicaSet" or "Job" or "CronJob";

    /// <summary>Where the pod template sits in a workload of this kind.</summary>
    public static IReadOnlyList<string> TemplatePath(string kind) =>
        kind == "CronJob" ? ["spec", "jobTemplate", "spec", "template"] : ["spec", "template"];

    /// <summary>The kind of the controller that owns the workload's pods.</summary>
    public static string PodOwnerKind(string kind) => kind switch
    {
        "Deployment" => "ReplicaSet",
        "CronJob" => "Job",
        _ => kind,
    };

    /// <summary>The Pod the workload's template stands for, or null when it has no template object.</summary>
    public static JsonObject? ToPod(string kind, JsonObject workload)
    {
        ArgumentNullException.ThrowIfNull(workload);
        if (Find(workload, TemplatePath(kind)) is not JsonObject template)
        {
            return null;
        }

        var workloadMeta = workload["metadata"] as JsonObject;
        var name = workloadMeta?["name"]?.DeepClone();
        var metadata = template["metadata"] is JsonObject m ? m.DeepClone().AsObject() : [];
        metadata["name"] = name;
        if (workloadMeta?["namespace"] is { } ns)
        {
            metadata["namespace"] = ns.DeepClone();
        }

        metadata["ownerReferences"] = new JsonArray(new JsonObject
        {
            ["apiVersion"] = PodOwnerKind(kind) == "Job" ? "batch/v1" : "apps/v1",
            ["kind"] = PodOwnerKind(kind),
            ["name"] = name?.DeepClone(),
            ["controller"] = true,
        });

        return new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Pod",
            ["metadata"] = metadata,
            ["spec"] = template["spec"]?.DeepClone() ?? new JsonObject(),
        };
    }

    /// <summary>
    /// Runs the engine on the workload's template. A workload without a template is admitted as it is
    /// (no Pod rule applies to it).
    /// </summary>
    public static AdmissionResult Evaluate(
        AdmissionEngine engine,
        AdmissionSubject workload,
        IClusterSnapshot cluster,
        NetguardConfig config,
        RulePhase phases = RulePhase.All,
        bool audit = false)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(workload);
        if (!IsWorkload(workload.Kind) || ToPod(workload.Kind, workload.Object) is not { } pod)
        {
            return engine.Evaluate(workload, cluster, config, phases, audit);
        }

        var oldPod = workload.OldObject is null ? null : ToPod(workload.Kind, workload.OldObject);
        var subject = new AdmissionSubject("Pod", workload.Operation, pod, oldPod)
        {
            Namespace = workload.Namespace,
            User = workload.User,
            DryRun = workload.DryRun,
        };
        var result = engine.Evaluate(subject, cluster, config, phases, audit);
        var (patch, mutated) = MapPatch(workload.Kind, workload.Object, result.Patch);
        return new AdmissionResult(result.Findings, patch, mutated);
    }

    private static (List<JsonPatchOperation> Patch, JsonObject Mutated) MapPatch(
        string kind, JsonObject workload, IReadOnlyList<JsonPatchOperation> podPatch)
    {
        var prefix = TemplatePath(kind);
        var mapped = new List<JsonPatchOperation>(podPatch.Count);
        JsonNode working = workload;
        foreach (var op in podPatch)
        {
            var tokens = JsonPointer.Parse(op.Path);
            if (tokens.Count == 0 || tokens[0] is not ("metadata" or "spec"))
            {
                throw new InvalidOperationException($"pod patch path {op.Path} is outside metadata and spec; it has no place in a pod template");
            }

            var full = prefix.Concat(tokens).ToArray();

            // The template may lack metadata (or any parent); create the missing objects first.
            for (var depth = prefix.Count; depth < full.Length - 1; depth++)
            {
                var parent = full[..(depth + 1)];
                if (Find(working, parent) is null)
                {
                    var add = JsonPatchOperation.Add(JsonPointer.Create(parent), new JsonObject());
                    mapped.Add(add);
                    working = JsonPatchApplier.Apply(working, [add])!;
                }
            }

            var moved = op with { Path = JsonPointer.Create(full), From = op.From is null ? null : Remap(prefix, op.From) };
            mapped.Add(moved);
            working = JsonPatchApplier.Apply(working, [moved])!;
        }

        return (mapped, (JsonObject)working);
    }

    private static string Remap(IReadOnlyList<string> prefix, string pointer) =>
        JsonPointer.Create(prefix.Concat(JsonPointer.Parse(pointer)).ToArray());

    private static JsonNode? Find(JsonNode? node, IEnumerable<string> tokens)
    {
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
}
