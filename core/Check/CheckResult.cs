using System.Text.Json.Nodes;
using Netguard.Core.Admission;
using Netguard.Core.JsonPatch;

namespace Netguard.Core.Check;

/// <summary>The verdict on one object (SPEC §7 <c>results[]</c>), plus the mutated object for <c>--show-patch</c>.</summary>
public sealed record CheckResult(
    string Kind,
    string Namespace,
    string Name,
    string Origin,
    IReadOnlyList<Finding> Findings,
    IReadOnlyList<JsonPatchOperation> Patch,
    JsonObject MutatedObject)
{
    public bool Allowed => !Findings.Any(f => f.Action == FindingAction.Deny);

    public bool Mutated => Patch.Count > 0;
}
