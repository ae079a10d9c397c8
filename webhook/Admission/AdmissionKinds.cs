using Netguard.Core.Admission;

namespace Netguard.Webhook.Admission;

/// <summary>
/// Which (kind, operation) pairs an endpoint evaluates: those that some rule of its phase applies to, for
/// kinds the engine reads, in their own API group. Everything else is allowed untouched, so the webhook
/// stays safe if its configurations are widened by mistake.
/// </summary>
public sealed class AdmissionKinds
{
    /// <summary>Metrics label for kinds the webhook does not evaluate (keeps label values bounded).</summary>
    public const string Other = "other";

    // The API group of each kind the engine can read; request.kind must match it.
    private static readonly Dictionary<string, string> Groups = new(StringComparer.Ordinal)
    {
        ["Pod"] = "",
        ["Node"] = "",
        ["Namespace"] = "",
        ["Service"] = "",
        ["ConfigMap"] = "",
        ["NetworkPolicy"] = "networking.k8s.io",
        ["Deployment"] = "apps",
        ["StatefulSet"] = "apps",
        ["DaemonSet"] = "apps",
        ["ReplicaSet"] = "apps",
        ["Job"] = "batch",
        ["CronJob"] = "batch",
    };

    private readonly HashSet<(string Kind, AdmissionOperation Operation)> _evaluated;

    public AdmissionKinds(AdmissionEngine engine, RulePhase phase)
    {
        ArgumentNullException.ThrowIfNull(engine);
        _evaluated = [];
        foreach (var rule in engine.Rules)
        {
            var d = rule.Descriptor;
            if (!d.Phases.HasFlag(phase) || d.AuditOnly)
            {
                continue;
            }

            foreach (var kind in d.Kinds.Where(Groups.ContainsKey))
            {
                foreach (var operation in d.Operations)
                {
                    _evaluated.Add((kind, operation));
                }
            }
        }
    }

    /// <summary>The kind as a bounded metrics label: the kind when the engine knows it (in its group), else "other".</summary>
    public static string Label(string? group, string? kind) =>
        kind is not null && Groups.TryGetValue(kind, out var g) && g == (group ?? "") ? kind : Other;

    public bool Evaluates(string group, string kind, AdmissionOperation operation) =>
        Groups.TryGetValue(kind, out var g) && g == group && _evaluated.Contains((kind, operation));
}
