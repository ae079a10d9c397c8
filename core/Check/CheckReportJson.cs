using System.Text.Json.Nodes;
using Netguard.Core.Admission;
using Netguard.Core.JsonPatch;

namespace Netguard.Core.Check;

/// <summary>
/// The SPEC §7 JSON shape of a report: <c>{"results": [{"kind","namespace","name","allowed","findings":
/// [{"rule","action","message"}],"patch": [ops]}], "summary": {"objects","denied","warnings","mutated"}}</c>.
/// With <c>includeMutated</c> each mutated result also carries <c>"mutated"</c>: the object after the patch.
/// </summary>
public static class CheckReportJson
{
    public static JsonObject ToJson(CheckReport report, bool includeMutated = false)
    {
        ArgumentNullException.ThrowIfNull(report);
        var results = new JsonArray();
        foreach (var r in report.Results)
        {
            var item = new JsonObject
            {
                ["kind"] = r.Kind,
                ["namespace"] = r.Namespace,
                ["name"] = r.Name,
                ["allowed"] = r.Allowed,
                ["findings"] = new JsonArray(r.Findings.Select(Finding).ToArray<JsonNode?>()),
                ["patch"] = JsonPatchDocument.ToJsonArray(r.Patch),
            };
            if (includeMutated && r.Mutated)
            {
                item["mutated"] = r.MutatedObject.DeepClone();
            }

            results.Add((JsonNode)item);
        }

        var s = report.Summary;
        return new JsonObject
        {
            ["results"] = results,
            ["summary"] = new JsonObject
            {
                ["objects"] = s.Objects,
                ["denied"] = s.Denied,
                ["warnings"] = s.Warnings,
                ["mutated"] = s.Mutated,
            },
        };
    }

    /// <summary>"deny", "warn" or "mutate".</summary>
    public static string ActionName(FindingAction action) => action switch
    {
        FindingAction.Deny => "deny",
        FindingAction.Warn => "warn",
        _ => "mutate",
    };

    private static JsonObject Finding(Finding f) => new()
    {
        ["rule"] = f.Rule,
        ["action"] = ActionName(f.Action),
        ["message"] = f.Message,
    };
}
