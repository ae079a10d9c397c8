using System.Text.Json.Nodes;
using Netguard.Core.Admission;
using Netguard.Core.Cluster;
using Netguard.Core.Config;
using Netguard.Core.JsonPatch;
using Netguard.Core.Kube.Models;

namespace Netguard.Core.Tests.Rules;

/// <summary>Runs one rule (or a set) through the real engine over JSON written in the test.</summary>
internal sealed class RuleHarness
{
    private readonly AdmissionEngine _engine;

    public RuleHarness(params IAdmissionRule[] rules)
    {
        _engine = new AdmissionEngine(rules);
    }

    public NetguardConfig Config { get; init; } = new();

    public IClusterSnapshot Cluster { get; init; } = ClusterSnapshot.Empty;

    public AdmissionResult Run(
        string kind,
        string json,
        AdmissionOperation operation = AdmissionOperation.Create,
        string? oldJson = null,
        UserInfo? user = null,
        bool audit = false)
    {
        var subject = new AdmissionSubject(kind, operation, Parse(json), oldJson is null ? null : Parse(oldJson)) { User = user };
        return _engine.Evaluate(subject, Cluster, Config, audit: audit);
    }

    /// <summary>Runs again on the mutated object (the webhook on its own output).</summary>
    public AdmissionResult Rerun(string kind, AdmissionResult first, AdmissionOperation operation = AdmissionOperation.Create) =>
        _engine.Evaluate(new AdmissionSubject(kind, operation, first.MutatedObject), Cluster, Config);

    public static JsonObject Parse(string json) => JsonNode.Parse(json)!.AsObject();

    public static Node Node(string json) => (Node)KubeObjectReader.Read("Node", Parse(json));

    public static Pod Pod(string json) => (Pod)KubeObjectReader.Read("Pod", Parse(json));

    public static NetworkPolicy Policy(string json) => (NetworkPolicy)KubeObjectReader.Read("NetworkPolicy", Parse(json));

    /// <summary>A worker and a control-plane node labelled as kubeadm labels them.</summary>
    public static IReadOnlyList<Node> KubeadmNodes() =>
    [
        Node("""{"metadata":{"name":"cp-1","labels":{"kubernetes.io/hostname":"cp-1","node-role.kubernetes.io/control-plane":""}},"spec":{"taints":[{"key":"node-role.kubernetes.io/control-plane","effect":"NoSchedule"}]}}"""),
        Node("""{"metadata":{"name":"worker-1","labels":{"kubernetes.io/hostname":"worker-1","disk":"ssd"}}}"""),
    ];

    /// <summary>Patch operations as compact "op path value" strings, for exact assertions.</summary>
    public static string[] Ops(AdmissionResult result) =>
        result.Patch.Select(o => $"{o.Op} {o.Path} {o.Value?.ToJsonString()}".TrimEnd()).ToArray();

    public static JsonNode? At(JsonObject obj, string pointer) => JsonPatchApplier.Get(obj, pointer);
}
