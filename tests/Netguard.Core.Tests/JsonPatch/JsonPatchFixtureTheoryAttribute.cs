namespace Netguard.Core.Tests.JsonPatch;

/// <summary>A theory over the json-patch-tests conformance data; skipped with the reason when the data is absent.</summary>
public sealed class JsonPatchFixtureTheoryAttribute : TheoryAttribute
{
    public JsonPatchFixtureTheoryAttribute()
    {
        if (SharedFixtures.Find("json-patch-tests") is null)
        {
            Skip = "shared/fixtures/json-patch-tests not found (conformance data exists in the project's CI, not on every machine)";
        }
    }
}
