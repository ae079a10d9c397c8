using System.Text.Json.Nodes;
using Netguard.Core.JsonPatch;

namespace Netguard.Core.Tests.JsonPatch;

public class JsonPatchDocumentTests
{
    [Fact]
    public void ToJson_EveryOp_UsesRfc6902Members()
    {
        JsonPatchOperation[] ops =
        [
            JsonPatchOperation.Add("/metadata/annotations/netguard.io~1qos-class", "bulk"),
            JsonPatchOperation.Replace("/spec/replicas", 3),
            JsonPatchOperation.Remove("/spec/tolerations/0"),
            JsonPatchOperation.Move("/a", "/b"),
            JsonPatchOperation.Copy("/a", "/c"),
            JsonPatchOperation.Test("/d", null),
            JsonPatchOperation.Add("/e", new JsonObject { ["x"] = new JsonArray(1, "<&>") }),
        ];

        JsonPatchDocument.ToJson(ops).ShouldBe(
            "[{\"op\":\"add\",\"path\":\"/metadata/annotations/netguard.io~1qos-class\",\"value\":\"bulk\"}," +
            "{\"op\":\"replace\",\"path\":\"/spec/replicas\",\"value\":3}," +
            "{\"op\":\"remove\",\"path\":\"/spec/tolerations/0\"}," +
            "{\"op\":\"move\",\"from\":\"/a\",\"path\":\"/b\"}," +
            "{\"op\":\"copy\",\"from\":\"/a\",\"path\":\"/c\"}," +
            "{\"op\":\"test\",\"path\":\"/d\",\"value\":null}," +
            "{\"op\":\"add\",\"path\":\"/e\",\"value\":{\"x\":[1,\"<&>\"]}}]");
    }

    [Fact]
    public void ToJsonArray_EmptyPatch_IsEmptyArray() => JsonPatchDocument.ToJsonArray([]).ToJsonString().ShouldBe("[]");

    [Fact]
    public void ToUtf8Bytes_IsTheJsonText() =>
        System.Text.Encoding.UTF8.GetString(JsonPatchDocument.ToUtf8Bytes([JsonPatchOperation.Remove("/a")])).ShouldBe("[{\"op\":\"remove\",\"path\":\"/a\"}]");

    [Fact]
    public void Parse_ValidDocument_ReadsEveryMember()
    {
        var ops = JsonPatchDocument.Parse("[{\"path\":\"/a\",\"op\":\"add\",\"value\":{\"b\":1},\"extra\":true},{\"op\":\"move\",\"from\":\"/a\",\"path\":\"/c\"},{\"op\":\"replace\",\"path\":\"/c\",\"value\":null}]");

        ops.Count.ShouldBe(3);
        (ops[0].Op, ops[0].Path, ops[0].Value!.ToJsonString()).ShouldBe(("add", "/a", "{\"b\":1}"));
        (ops[1].Op, ops[1].From, ops[1].Path).ShouldBe(("move", "/a", "/c"));
        ops[2].Value.ShouldBeNull(); // JSON null is a value
    }

    [Theory]
    [InlineData("{}", "a JSON Patch must be an array of operations, found an object")]
    [InlineData("[1]", "operation 0: must be an object, found a number")]
    [InlineData("[{\"path\":\"/a\"}]", "operation 0: missing \"op\"")]
    [InlineData("[{\"op\":1,\"path\":\"/a\"}]", "operation 0: \"op\" must be a string, found a number")]
    [InlineData("[{\"op\":\"merge\",\"path\":\"/a\"}]", "operation 0: unknown op \"merge\" (want add, remove, replace, move, copy or test)")]
    [InlineData("[{\"op\":\"remove\",\"path\":\"/a\"},{\"op\":\"add\",\"value\":1}]", "operation 1 (add): missing \"path\"")]
    [InlineData("[{\"op\":\"add\",\"path\":\"/a\"}]", "operation 0 (add): missing \"value\"")]
    [InlineData("[{\"op\":\"test\",\"path\":\"/a\"}]", "operation 0 (test): missing \"value\"")]
    [InlineData("[{\"op\":\"replace\",\"path\":\"/a\"}]", "operation 0 (replace): missing \"value\"")]
    [InlineData("[{\"op\":\"move\",\"path\":\"/a\"}]", "operation 0 (move): missing \"from\"")]
    [InlineData("[{\"op\":\"copy\",\"path\":\"/a\",\"from\":null}]", "operation 0 (copy): \"from\" must be a string, found null")]
    [InlineData("[{\"op\":\"remove\",\"path\":\"a\"}]", "operation 0 (remove): \"path\": invalid JSON pointer \"a\": must be empty or start with \"/\"")]
    [InlineData("[{\"op\":\"remove\",\"path\":\"/a~2\"}]", "operation 0 (remove): \"path\": invalid JSON pointer \"/a~2\": \"~\" must be followed by 0 or 1")]
    public void Parse_InvalidOperation_SaysWhichAndWhy(string json, string message) =>
        Should.Throw<JsonPatchException>(() => JsonPatchDocument.Parse(json)).Message.ShouldBe(message);

    [Fact]
    public void Parse_DuplicateMember_IsRejected() =>
        // RFC 6902 §4 (A.13): an operation with two "op" members is invalid.
        Should.Throw<JsonPatchException>(() => JsonPatchDocument.Parse("[{\"op\":\"add\",\"path\":\"/a\",\"value\":1,\"op\":\"remove\"}]"))
            .Message.ShouldStartWith("invalid JSON: ");

    [Fact]
    public void Parse_NotJson_IsRejected() =>
        Should.Throw<JsonPatchException>(() => JsonPatchDocument.Parse("[{\"op\":")).Message.ShouldStartWith("invalid JSON: ");

    [Fact]
    public void Parse_ValueIsCopied_SoTheDocumentCanChangeLater()
    {
        var node = JsonNode.Parse("[{\"op\":\"add\",\"path\":\"/a\",\"value\":{\"b\":1}}]");

        var ops = JsonPatchDocument.Parse(node);
        node![0]!["value"]!["b"] = 2;

        ops[0].Value!["b"]!.GetValue<int>().ShouldBe(1);
    }
}
