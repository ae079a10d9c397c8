using System.Text.Json;
using System.Text.Json.Nodes;
using Netguard.Core.Admission;
using Netguard.Core.Cluster;
using Netguard.Core.Config;

namespace Netguard.Core.Check;

/// <summary>
/// Offline admission of manifests (`kubectl netguard check`, SPEC §7), pure: objects + config → results.
/// Every object is admitted as a CREATE; workloads through their pod template. The cluster state is built
/// from the input (<see cref="ManifestSnapshot"/>) unless the caller passes one (`audit`, agreement tests).
/// </summary>
public sealed class CheckRunner
{
    private readonly AdmissionEngine _engine;

    public CheckRunner(AdmissionEngine engine)
    {
        ArgumentNullException.ThrowIfNull(engine);
        _engine = engine;
    }

    /// <exception cref="CheckInputException">An object that is not a Kubernetes object or has a field of the wrong shape.</exception>
    public CheckReport Run(IReadOnlyList<CheckInput> inputs, NetguardConfig config, IClusterSnapshot? cluster = null, bool audit = false)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(config);
        foreach (var input in inputs)
        {
            Validate(input);
        }

        // A NetguardConfig lying next to the manifests (manifests/examples/config.yaml) is not a cluster object.
        var objects = inputs.Where(i => !IsNetguardConfig(i.Object)).ToList();
        var snapshot = cluster ?? ManifestSnapshot.Build(objects);
        var results = new List<CheckResult>(objects.Count);
        foreach (var input in objects)
        {
            results.Add(Admit(input, SubjectOf(input.Object), snapshot, config, audit));
        }

        return new CheckReport(results, CheckSummary.Of(results));
    }

    /// <summary>
    /// Admits one object against <paramref name="cluster"/> and hands back the request it was admitted as. Its typed
    /// view has been read, so audit reuses the subject rather than reading the object again.
    /// </summary>
    /// <exception cref="CheckInputException">An object that is not a Kubernetes object or has a field of the wrong shape.</exception>
    public (CheckResult Result, AdmissionSubject Subject) Run(CheckInput input, IClusterSnapshot cluster, NetguardConfig config, bool audit)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(config);
        Validate(input);
        var subject = SubjectOf(input.Object);
        return (Admit(input, subject, cluster, config, audit), subject);
    }

    /// <summary>The request `check` and `audit` admit an object as: a CREATE in the object's namespace.</summary>
    private static AdmissionSubject SubjectOf(JsonObject obj)
    {
        var ns = ManifestSnapshot.NamespaceOf(obj);
        return new AdmissionSubject(obj["kind"]!.GetValue<string>(), AdmissionOperation.Create, obj) { Namespace = ns.Length == 0 ? null : ns };
    }

    private CheckResult Admit(CheckInput input, AdmissionSubject subject, IClusterSnapshot snapshot, NetguardConfig config, bool audit)
    {
        var obj = input.Object;
        var kind = subject.Kind;
        var ns = subject.Namespace ?? ""; // SubjectOf's NamespaceOf: "" for cluster-scoped kinds
        if (KubeObjectReader.IsSupported(kind))
        {
            // Read here, not first in a rule, so a field of the wrong type is reported with its place in the input.
            ManifestSnapshot.Read(subject, input);
        }

        AdmissionResult result;
        try
        {
            result = PodTemplateAdmission.Evaluate(_engine, subject, snapshot, config, audit: audit);
        }
        catch (RuleEvaluationException e)
        {
            throw new CheckInputException($"{input.Origin()}: {ManifestSnapshot.Describe(obj)}: {e.InnerException?.Message ?? e.Message} (rule {e.RuleId})", e);
        }

        return new CheckResult(kind, ns, ManifestSnapshot.NameOf(obj), input.Origin(), result.Findings, result.Patch, result.MutatedObject);
    }

    public static bool IsNetguardConfig(JsonObject obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        return obj["kind"] is JsonValue k && k.TryGetValue<string>(out var kind) && kind == nameof(NetguardConfig)
            && obj["apiVersion"] is JsonValue v && v.TryGetValue<string>(out var version) && version.StartsWith("netguard.io/", StringComparison.Ordinal);
    }

    private static void Validate(CheckInput input)
    {
        var obj = input.Object;
        if (obj["kind"] is not JsonValue kind || kind.GetValueKind() != JsonValueKind.String || kind.GetValue<string>().Length == 0)
        {
            throw new CheckInputException($"{input.Origin("/kind")}: not a Kubernetes object: kind is missing");
        }

        if (obj["apiVersion"] is not JsonValue version || version.GetValueKind() != JsonValueKind.String || version.GetValue<string>().Length == 0)
        {
            throw new CheckInputException($"{input.Origin("/apiVersion")}: {kind.GetValue<string>()}: apiVersion is missing");
        }

        if (obj["metadata"] is { } meta && meta is not JsonObject)
        {
            throw new CheckInputException($"{input.Origin("/metadata")}: {kind.GetValue<string>()}: metadata must be a mapping");
        }
    }
}
