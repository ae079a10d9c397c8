using System.Text.Json;
using System.Text.Json.Nodes;
using Netguard.Core.JsonPatch;

namespace Netguard.Core.Tests.JsonPatch;

/// <summary>
/// RFC 6902 conformance over json-patch/json-patch-tests (read in place from shared/fixtures): every enabled
/// record with "expected" must produce it, every record with "error" must fail to parse or to apply.
/// </summary>
public class JsonPatchConformanceTests
{
    public static TheoryData<string, int, string> Records()
    {
        var data = new TheoryData<string, int, string>();
        var folder = SharedFixtures.Find("json-patch-tests");
        if (folder is null)
        {
            data.Add("absent", -1, "fixture folder absent");
            return data;
        }

        foreach (var file in new[] { "tests.json", "spec_tests.json" })
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, file)));
            var i = 0;
            foreach (var record in doc.RootElement.EnumerateArray())
            {
                var enabled = !(record.TryGetProperty("disabled", out var d) && d.ValueKind == JsonValueKind.True);
                var testable = record.TryGetProperty("expected", out _) || record.TryGetProperty("error", out _);
                if (enabled && testable)
                {
                    data.Add(file, i, record.TryGetProperty("comment", out var c) ? c.GetString() ?? "" : "");
                }

                i++;
            }
        }

        return data;
    }

    [JsonPatchFixtureTheory]
    [MemberData(nameof(Records))]
    public void Apply_ConformanceRecord_MatchesExpectation(string file, int index, string comment)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(SharedFixtures.Find("json-patch-tests")!, file)));
        var record = doc.RootElement.EnumerateArray().ElementAt(index);
        var input = JsonNode.Parse(record.GetProperty("doc").GetRawText());
        var inputCopy = input?.DeepClone();
        var patchText = record.GetProperty("patch").GetRawText();

        if (record.TryGetProperty("error", out var error))
        {
            var e = Should.Throw<JsonPatchException>(() => JsonPatchApplier.Apply(input, JsonPatchDocument.Parse(patchText)), $"{file}[{index}] {comment}: expected error \"{error.GetString()}\"");
            e.Message.ShouldNotBeNullOrWhiteSpace();
        }
        else
        {
            var result = JsonPatchApplier.Apply(input, JsonPatchDocument.Parse(patchText));
            var expected = JsonNode.Parse(record.GetProperty("expected").GetRawText());
            JsonValueEquality.DeepEquals(result, expected).ShouldBeTrue($"{file}[{index}] {comment}: got {result?.ToJsonString() ?? "null"}");
        }

        JsonValueEquality.DeepEquals(input, inputCopy).ShouldBeTrue("the input document must not change");
    }

    [JsonPatchFixtureTheory]
    [MemberData(nameof(Records))]
    public void WriteThenParse_ConformancePatch_RoundTrips(string file, int index, string comment)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(SharedFixtures.Find("json-patch-tests")!, file)));
        var record = doc.RootElement.EnumerateArray().ElementAt(index);
        IReadOnlyList<JsonPatchOperation> ops;
        try
        {
            ops = JsonPatchDocument.Parse(record.GetProperty("patch").GetRawText());
        }
        catch (JsonPatchException)
        {
            record.TryGetProperty("error", out _).ShouldBeTrue($"{file}[{index}] {comment}: only error records may fail to parse");
            return;
        }

        var back = JsonPatchDocument.Parse(JsonPatchDocument.ToJson(ops));

        back.Count.ShouldBe(ops.Count);
        for (var i = 0; i < ops.Count; i++)
        {
            (back[i].Op, back[i].Path, back[i].From).ShouldBe((ops[i].Op, ops[i].Path, ops[i].From));
            JsonValueEquality.DeepEquals(back[i].Value, ops[i].Value).ShouldBeTrue();
        }
    }
}
