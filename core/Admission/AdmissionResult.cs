using System.Text.Json.Nodes;
using Netguard.Core.JsonPatch;

namespace Netguard.Core.Admission;

/// <summary>The verdict on one subject.</summary>
public sealed class AdmissionResult
{
    public AdmissionResult(IReadOnlyList<Finding> findings, IReadOnlyList<JsonPatchOperation> patch, JsonObject mutatedObject)
    {
        Findings = findings;
        Patch = patch;
        MutatedObject = mutatedObject;
    }

    public IReadOnlyList<Finding> Findings { get; }

    /// <summary>The mutations as an RFC 6902 patch against the submitted object; empty when nothing changes.</summary>
    public IReadOnlyList<JsonPatchOperation> Patch { get; }

    /// <summary>The object after <see cref="Patch"/> (the submitted object when there is none).</summary>
    public JsonObject MutatedObject { get; }

    public bool Allowed => !Findings.Any(f => f.Action == FindingAction.Deny);

    public IEnumerable<Finding> Denials => Findings.Where(f => f.Action == FindingAction.Deny);

    public IEnumerable<Finding> Warnings => Findings.Where(f => f.Action == FindingAction.Warn);

    /// <summary>Ids of the rules that reported anything, in first-reported order.</summary>
    public IReadOnlyList<string> RulesFired => Findings.Select(f => f.Rule).Distinct(StringComparer.Ordinal).ToList();
}
