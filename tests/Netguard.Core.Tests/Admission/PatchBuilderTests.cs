using System.Text.Json.Nodes;
using Netguard.Core.JsonPatch;
using Netguard.Core.Admission;

namespace Netguard.Core.Tests.Admission;

public class PatchBuilderTests
{
    [Fact]
    public void Set_KeyWithSlashAndTilde_EscapedPerRfc6901()
    {
        // RFC 6901 §3: "~" is written "~0" and "/" is written "~1".
        var builder = new PatchBuilder(JsonNode.Parse("""{"metadata":{"annotations":{}}}""")!.AsObject());

        var ops = builder.Set(["metadata", "annotations", "a/b~c"], JsonValue.Create("v"));

        ops.ShouldHaveSingleItem().Path.ShouldBe("/metadata/annotations/a~1b~0c");
    }

    [Fact]
    public void Append_MissingParents_OneAddAtFirstMissingMember()
    {
        var doc = JsonNode.Parse("""{"spec":{"containers":[]}}""")!.AsObject();
        var builder = new PatchBuilder(doc);

        var first = builder.Append(["spec", "affinity", "podAffinity", "preferred"], JsonValue.Create(1)!);
        var second = builder.Append(["spec", "affinity", "podAffinity", "preferred"], JsonValue.Create(2)!);

        first.ShouldHaveSingleItem().ShouldBe(JsonPatchOperation.Add("/spec/affinity", first[0].Value));
        first[0].Value!.ToJsonString().ShouldBe("""{"podAffinity":{"preferred":[1]}}""");
        second.ShouldHaveSingleItem().Path.ShouldBe("/spec/affinity/podAffinity/preferred/-");
        var patched = JsonPatchApplier.Apply(doc, first.Concat(second))!;
        patched.ToJsonString().ShouldBe("""{"spec":{"containers":[],"affinity":{"podAffinity":{"preferred":[1,2]}}}}""");
        doc.ToJsonString().ShouldBe("""{"spec":{"containers":[]}}""");
    }

    [Fact]
    public void Append_NullMember_TreatedAsMissing()
    {
        var builder = new PatchBuilder(JsonNode.Parse("""{"spec":{"tolerations":null}}""")!.AsObject());

        var ops = builder.Append(["spec", "tolerations"], JsonValue.Create("t")!);

        ops.ShouldHaveSingleItem().Path.ShouldBe("/spec/tolerations");
    }

    [Fact]
    public void Append_ParentNotAnObject_NoOperations()
    {
        var builder = new PatchBuilder(JsonNode.Parse("""{"spec":"oops"}""")!.AsObject());

        builder.Append(["spec", "tolerations"], JsonValue.Create("t")!).ShouldBeEmpty();
        builder.Append(["spec"], JsonValue.Create("t")!).ShouldBeEmpty();
    }

    [Fact]
    public void Set_ExistingMember_Replace()
    {
        var builder = new PatchBuilder(JsonNode.Parse("""{"spec":{"x":1}}""")!.AsObject());

        builder.Set(["spec", "x"], JsonValue.Create(2)!).ShouldHaveSingleItem().Op.ShouldBe("replace");
    }

    [Fact]
    public void Append_ValueOfAnotherDocument_CopiedAndThatDocumentUnchanged()
    {
        var other = JsonNode.Parse("""{"items":[{"k":"v"}]}""")!;
        var builder = new PatchBuilder(JsonNode.Parse("""{"spec":{"list":[]}}""")!.AsObject());

        var op = builder.Append(["spec", "list"], other["items"]![0]!).ShouldHaveSingleItem();

        ReferenceEquals(op.Value, other["items"]![0]).ShouldBeFalse();
        op.Value!.ToJsonString().ShouldBe("""{"k":"v"}""");
        other.ToJsonString().ShouldBe("""{"items":[{"k":"v"}]}""");
    }

    [Fact]
    public void Append_FreshValue_WorkingCopyDoesNotShareIt()
    {
        var builder = new PatchBuilder(JsonNode.Parse("""{"spec":{"list":[]}}""")!.AsObject());
        var item = new JsonObject { ["k"] = "v" };

        var op = builder.Append(["spec", "list"], item).ShouldHaveSingleItem();
        builder.Current["spec"]!["list"]![0]!["k"] = "changed";

        op.Value!.ToJsonString().ShouldBe("""{"k":"v"}""");
    }
}
