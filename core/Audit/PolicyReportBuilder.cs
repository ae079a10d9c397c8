using System.Text.Json.Nodes;
using Netguard.Core.Admission;

namespace Netguard.Core.Audit;

/// <summary>
/// `audit -o policyreport`: the audit as wgpolicyk8s.io/v1alpha2 reports (the Policy WG's PolicyReport API) — one
/// PolicyReport per namespace with audited objects and one ClusterPolicyReport for cluster-scoped objects
/// (Nodes, Namespaces), each named <c>netguard</c>. One result per finding (deny → fail/high, warn →
/// warn/medium) and one pass result per object and rule that judged it without a finding, each naming its
/// object in <c>resources</c>; the summary counts the results. Policy "netguard", rule = rule id, source
/// "kubectl-netguard", one timestamp (metav1.Timestamp: seconds and nanos) for the whole run.
/// </summary>
public static class PolicyReportBuilder
{
    public const string ApiVersion = "wgpolicyk8s.io/v1alpha2";
    public const string ReportName = "netguard";
    public const string PolicyName = "netguard";
    public const string SourceName = "kubectl-netguard";

    /// <summary>The ClusterPolicyReport first (when there are cluster-scoped objects), then PolicyReports by namespace.</summary>
    public static IReadOnlyList<JsonObject> Build(AuditReport report, DateTimeOffset timestamp)
    {
        ArgumentNullException.ThrowIfNull(report);
        var time = new JsonObject { ["seconds"] = timestamp.ToUnixTimeSeconds(), ["nanos"] = 0 };
        return report.Objects
            .GroupBy(o => o.Result.Namespace, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => Report(g.Key, g.ToList(), time))
            .ToList();
    }

    private static JsonObject Report(string ns, IReadOnlyList<AuditedObject> objects, JsonObject time)
    {
        var results = new JsonArray();
        int pass = 0, fail = 0, warn = 0;
        foreach (var o in objects)
        {
            var resource = Reference(o);
            foreach (var f in o.Result.Findings)
            {
                var failed = f.Action == FindingAction.Deny;
                if (failed)
                {
                    fail++;
                }
                else
                {
                    warn++;
                }

                results.Add((JsonNode)Result(f.Rule, failed ? "fail" : "warn", failed ? "high" : "medium", f.Message, resource, time));
            }

            foreach (var rule in o.Rules.Where(r => !o.Result.Findings.Any(f => f.Rule == r)))
            {
                pass++;
                results.Add((JsonNode)Result(rule, "pass", null, $"{o.Result.Kind} {Display(o)} passed {rule}", resource, time));
            }
        }

        var metadata = new JsonObject
        {
            ["name"] = ReportName,
            ["labels"] = new JsonObject { ["app.kubernetes.io/managed-by"] = SourceName },
        };
        if (ns.Length > 0)
        {
            metadata["namespace"] = ns;
        }

        return new JsonObject
        {
            ["apiVersion"] = ApiVersion,
            ["kind"] = ns.Length > 0 ? "PolicyReport" : "ClusterPolicyReport",
            ["metadata"] = metadata,
            ["summary"] = new JsonObject { ["pass"] = pass, ["fail"] = fail, ["warn"] = warn, ["error"] = 0, ["skip"] = 0 },
            ["results"] = results,
        };
    }

    private static JsonObject Result(string rule, string result, string? severity, string message, JsonObject resource, JsonObject time)
    {
        var json = new JsonObject
        {
            ["policy"] = PolicyName,
            ["rule"] = rule,
            ["category"] = Category(rule),
            ["result"] = result,
        };
        if (severity is not null)
        {
            json["severity"] = severity;
        }

        json["message"] = message;
        json["resources"] = new JsonArray(resource.DeepClone());
        json["source"] = SourceName;
        json["timestamp"] = time.DeepClone();
        return json;
    }

    /// <summary>A core/v1 ObjectReference to the audited object.</summary>
    private static JsonObject Reference(AuditedObject o)
    {
        var r = o.Result;
        var json = new JsonObject { ["apiVersion"] = o.ApiVersion, ["kind"] = r.Kind };
        if (r.Namespace.Length > 0)
        {
            json["namespace"] = r.Namespace;
        }

        json["name"] = r.Name;
        if (o.Uid is { Length: > 0 } uid)
        {
            json["uid"] = uid;
        }

        return json;
    }

    private static string Display(AuditedObject o) => o.Result.Namespace.Length == 0 ? o.Result.Name : $"{o.Result.Namespace}/{o.Result.Name}";

    /// <summary>The SPEC §5 area of a rule.</summary>
    public static string Category(string rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return rule switch
        {
            _ when rule.StartsWith("control-plane-", StringComparison.Ordinal) => "Control-plane isolation",
            _ when rule.StartsWith("netpol-", StringComparison.Ordinal) || rule == "namespace-default-deny" => "NetworkPolicy hygiene",
            _ when rule.StartsWith("qos-", StringComparison.Ordinal) => "QoS classes",
            _ => "Topology-aware scheduling",
        };
    }
}
