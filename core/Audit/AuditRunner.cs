using System.Runtime.ExceptionServices;
using System.Text.Json.Nodes;
using Netguard.Core.Admission;
using Netguard.Core.Check;
using Netguard.Core.Cluster;
using Netguard.Core.Config;
using Netguard.Core.JsonPatch;
using Netguard.Core.Kube.Models;
using Netguard.Core.Rules;
using Netguard.Core.Rules.ControlPlane;
using Netguard.Core.Rules.Qos;

namespace Netguard.Core.Audit;

/// <summary>
/// `kubectl netguard audit` (SPEC §7), pure: live objects + the live snapshot + config → verdicts. Every object
/// goes through <see cref="CheckRunner"/> exactly as `check` runs it — a CREATE, workloads through their pod
/// template, audit-only rules on — so deny and warn findings are `check`'s. What differs is how mutations count:
/// audit reports what is wrong with an object as it stands, not what the webhook would add to a new one.
/// <list type="bullet">
/// <item>qos-class: a Pod without <c>netguard.io/qos-class</c> in a namespace the webhook admits
/// (<see cref="StampedNamespaces"/>) is a warning — the webhook never saw it (created before it was installed, or
/// while it was down under failurePolicy Ignore), so it was never validated against the class rules, and `qos get`
/// and the agent fall back to what the assignments give. Only real Pods: workload templates are stamped when their
/// pods are. Pods in namespaces the webhook skips by design are not findings.</item>
/// <item>control-plane-taint: a control-plane Node without the taint is a finding with the rule's action.</item>
/// <item>Every other mutation (topology spread, colocation, trafficDistribution, a qos-source fix-up) is advice
/// for objects being created and is not a finding.</item>
/// </list>
/// The result's patch is the fix for those two findings (what the webhook would set), nothing else.
/// Finished Pods, and ReplicaSets and Jobs whose controller is a Deployment or CronJob (their owner's template
/// is what a user fixes), are not audited.
/// </summary>
public sealed class AuditRunner
{
    private const string Source = "cluster";

    private readonly AdmissionEngine _engine;
    private readonly AdmissionEngine _fixes;

    public AuditRunner(AdmissionEngine engine)
    {
        ArgumentNullException.ThrowIfNull(engine);
        _engine = engine;
        _fixes = new AdmissionEngine(engine.Rules.Where(r => r.Descriptor.Id is RuleIds.QosClass or RuleIds.ControlPlaneTaint));
    }

    /// <summary>True for objects audit judges (see the class summary for what it leaves out).</summary>
    public static bool IsAudited(KubeObject obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        return obj switch
        {
            Pod pod => !pod.IsFinished(),
            ReplicaSet => !ControllerReference.IsOwnedBy(obj, "Deployment"),
            Job => !ControllerReference.IsOwnedBy(obj, "CronJob"),
            _ => true,
        };
    }

    /// <param name="objects">The objects to report on, each with kind and apiVersion.</param>
    /// <param name="cluster">The whole live cluster the rules judge against.</param>
    /// <param name="stamped">Where Pods are expected to carry a class; default: every namespace.</param>
    /// <exception cref="CheckInputException">An object of the wrong shape.</exception>
    public AuditReport Run(IReadOnlyList<JsonObject> objects, IClusterSnapshot cluster, NetguardConfig config, StampedNamespaces? stamped = null)
    {
        ArgumentNullException.ThrowIfNull(objects);
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(config);
        var ordered = objects.OrderBy(o => o, ReportOrder.Instance).ToList();
        var audited = new AuditedObject[ordered.Count];
        try
        {
            // Objects are judged independently against an immutable snapshot; NetworkPolicies cost most (rules such
            // as netpol-blocks-dns evaluate reachability), so spread them over the cores.
            Parallel.For(0, ordered.Count, i => audited[i] = Judge(ordered[i], cluster, config, stamped ?? StampedNamespaces.All));
        }
        catch (AggregateException e)
        {
            ExceptionDispatchInfo.Throw(e.InnerExceptions[0]);
        }

        return new AuditReport(audited);
    }

    private AuditedObject Judge(JsonObject obj, IClusterSnapshot cluster, NetguardConfig config, StampedNamespaces stamped)
    {
        // The check's subject serves the unclassified-pod message and the fix too: the typed view is read once.
        var (result, subject) = new CheckRunner(_engine).Run(new CheckInput(obj, Source), cluster, config, audit: true);

        // A pod the webhook never admits is not judged by qos-class: no finding, and no report says it passed.
        var judgedByQosClass = result.Kind == "Pod" && stamped.Includes(result.Namespace, cluster.FindNamespace(result.Namespace));
        var findings = AsStanding(result, subject, config, judgedByQosClass);
        (IReadOnlyList<JsonPatchOperation> Patch, JsonObject Mutated) fix = findings.Any(f => f.Rule is RuleIds.QosClass or RuleIds.ControlPlaneTaint)
            ? Fix(subject, cluster, config)
            : ([], obj);
        return new AuditedObject(
            result with { Findings = findings, Patch = fix.Patch, MutatedObject = fix.Mutated },
            obj["apiVersion"]!.GetValue<string>(),
            obj["metadata"]?["uid"]?.GetValue<string>(),
            result.Kind == "Pod" && !judgedByQosClass
                ? RulesFor(result.Kind, config).Where(r => r != RuleIds.QosClass).ToList()
                : RulesFor(result.Kind, config));
    }

    /// <summary>The rules audit judges an object of this kind by: validations, plus the two mutations it reports.</summary>
    public IReadOnlyList<string> RulesFor(string kind, NetguardConfig config)
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(config);
        var subjectKind = PodTemplateAdmission.IsWorkload(kind) ? "Pod" : kind;
        return _engine.Rules
            .Select(r => r.Descriptor)
            .Where(d => d.AppliesTo(subjectKind, AdmissionOperation.Create)
                && AdmissionEngine.ActionFor(d, config) != RuleAction.Off
                && (d.Id == RuleIds.QosClass ? kind == "Pod" : d.Phases.HasFlag(RulePhase.Validate)))
            .Select(d => d.Id)
            .ToList();
    }

    private List<Finding> AsStanding(CheckResult result, AdmissionSubject subject, NetguardConfig config, bool judgedByQosClass)
    {
        var findings = new List<Finding>(result.Findings.Count);
        foreach (var f in result.Findings)
        {
            if (f.Action != FindingAction.Mutate)
            {
                findings.Add(f);
            }
            else if (f.Rule == RuleIds.QosClass && judgedByQosClass && Unclassified((Pod)subject.Typed, result.Namespace, config) is { } message)
            {
                findings.Add(new Finding(f.Rule, FindingAction.Warn, message));
            }
            else if (f.Rule == RuleIds.ControlPlaneTaint && result.Kind == "Node")
            {
                var rule = _engine.Rules.First(r => r.Descriptor.Id == RuleIds.ControlPlaneTaint).Descriptor;
                var action = AdmissionEngine.ActionFor(rule, config) == RuleAction.Warn ? FindingAction.Warn : FindingAction.Deny;
                var taint = config.ControlPlane.Taint;
                findings.Add(new Finding(f.Rule, action,
                    $"control-plane node {result.Name} lacks the taint {taint.Key}:{taint.Effect}; `kubectl netguard taints --fix` adds it"));
            }
        }

        return findings;
    }

    /// <summary>For a Pod without a class annotation, what that costs; null when it has one.</summary>
    private static string? Unclassified(Pod pod, string ns, NetguardConfig config)
    {
        if (QosClassResolver.RequestedClass(pod) is not null)
        {
            return null;
        }

        var stamp = QosClassResolver.Resolve(pod, ns, config.Qos);
        return $"no {QosAnnotations.Class} annotation: the webhook did not stamp the pod (it would set {stamp.Class}, {stamp.Source})";
    }

    private (IReadOnlyList<JsonPatchOperation> Patch, JsonObject Mutated) Fix(AdmissionSubject subject, IClusterSnapshot cluster, NetguardConfig config)
    {
        var result = _fixes.Evaluate(subject, cluster, config, RulePhase.Mutate, audit: true);
        return (result.Patch, result.MutatedObject);
    }

    /// <summary>Cluster-scoped objects first (Nodes, then Namespaces), then by namespace, kind and name.</summary>
    private sealed class ReportOrder : IComparer<JsonObject>
    {
        public static readonly ReportOrder Instance = new();

        private static readonly string[] Kinds =
        [
            "Node", "Namespace", "Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job", "CronJob", "Service", "NetworkPolicy",
        ];

        public int Compare(JsonObject? x, JsonObject? y)
        {
            ArgumentNullException.ThrowIfNull(x);
            ArgumentNullException.ThrowIfNull(y);
            var (kx, ky) = (Kind(x), Kind(y));
            var (cx, cy) = (KindScope.IsClusterScoped(kx), KindScope.IsClusterScoped(ky));
            if (cx != cy)
            {
                return cx ? -1 : 1;
            }

            var c = cx ? 0 : string.CompareOrdinal(ManifestSnapshot.NamespaceOf(x), ManifestSnapshot.NamespaceOf(y));
            if (c == 0)
            {
                c = Rank(kx).CompareTo(Rank(ky));
            }

            if (c == 0)
            {
                c = string.CompareOrdinal(kx, ky);
            }

            return c != 0 ? c : string.CompareOrdinal(ManifestSnapshot.NameOf(x), ManifestSnapshot.NameOf(y));
        }

        private static string Kind(JsonObject o) => o["kind"]?.GetValue<string>() ?? "";

        private static int Rank(string kind)
        {
            var i = Array.IndexOf(Kinds, kind);
            return i < 0 ? Kinds.Length : i;
        }
    }
}
