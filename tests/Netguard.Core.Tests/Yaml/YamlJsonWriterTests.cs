using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;
using Netguard.Core.JsonPatch;
using Netguard.Core.Yaml;

namespace Netguard.Core.Tests.Yaml;

public class YamlJsonWriterTests
{
    [Fact]
    public void Write_Pod_UsesKubectlBlockLayout()
    {
        var pod = JsonNode.Parse("""
            {"apiVersion":"v1","kind":"Pod","metadata":{"name":"web","labels":{"app":"web"},"annotations":{}},
             "spec":{"containers":[{"name":"app","image":"nginx:1.27","args":["--port=8080","yes"],
               "ports":[{"containerPort":8080,"protocol":"TCP"}]}],"tolerations":[],
               "nodeSelector":{"node-role.kubernetes.io/control-plane":""}}}
            """);

        YamlJsonWriter.Write(pod).ShouldBe("""
            apiVersion: v1
            kind: Pod
            metadata:
              name: web
              labels:
                app: web
              annotations: {}
            spec:
              containers:
              - name: app
                image: nginx:1.27
                args:
                - --port=8080
                - "yes"
                ports:
                - containerPort: 8080
                  protocol: TCP
              tolerations: []
              nodeSelector:
                node-role.kubernetes.io/control-plane: ""

            """.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Write_NestedSequences_IndentUnderTheDash() =>
        YamlJsonWriter.Write(JsonNode.Parse("[[1,2],[],[{\"a\":[3]}]]")).ShouldBe("- - 1\n  - 2\n- []\n- - a:\n    - 3\n");

    [Theory]
    [InlineData("null", "null\n")]
    [InlineData("{}", "{}\n")]
    [InlineData("[]", "[]\n")]
    [InlineData("\"text\"", "text\n")]
    [InlineData("1.5", "1.5\n")]
    [InlineData("-3", "-3\n")]
    [InlineData("false", "false\n")]
    public void Write_RootScalarsAndEmpties_AreOneLine(string json, string expected) =>
        YamlJsonWriter.Write(JsonNode.Parse(json)).ShouldBe(expected);

    [Theory]
    // Every one of these would read back as something other than the same string if written plain.
    [InlineData("")]
    [InlineData("yes")]
    [InlineData("No")]
    [InlineData("on")]
    [InlineData("y")]
    [InlineData("true")]
    [InlineData("null")]
    [InlineData("~")]
    [InlineData("0644")]
    [InlineData("0x1F")]
    [InlineData("1.5")]
    [InlineData("1e+3")]
    [InlineData("1e3")] // a string to go-yaml v2 but a float to YAML 1.2 readers
    [InlineData(".inf")]
    [InlineData("<<")]
    [InlineData("2024-01-02")] // a timestamp to YAML 1.1 readers; kubectl quotes it too
    [InlineData("1:20")] // sexagesimal to YAML 1.1 readers
    [InlineData("a: b")]
    [InlineData("key:")]
    [InlineData("x #comment")]
    [InlineData("#x")]
    [InlineData("- item")]
    [InlineData("-")]
    [InlineData("---")]
    [InlineData("...")]
    [InlineData(" leading")]
    [InlineData("trailing ")]
    [InlineData("tab\there")]
    [InlineData("*alias")]
    [InlineData("&anchor")]
    [InlineData("!tag")]
    [InlineData("{a}")]
    [InlineData("[a]")]
    [InlineData("'q'")]
    [InlineData("\"q\"")]
    [InlineData("%x")]
    [InlineData("@x")]
    [InlineData("`x")]
    [InlineData("|x")]
    [InlineData(">x")]
    [InlineData("?x")]
    [InlineData(":x")]
    [InlineData("bell\u0007")]
    [InlineData("nel\u0085")]
    [InlineData("ls\u2028")]
    [InlineData("bom\uFEFF")]
    [InlineData("cr\r")]
    public void Write_AmbiguousString_IsQuotedAndReadsBack(string s)
    {
        var yaml = YamlJsonWriter.Write(new JsonObject { ["v"] = s });

        yaml.ShouldStartWith("v: \"");
        YamlJsonReader.ReadSingle(yaml).Root!["v"]!.GetValue<string>().ShouldBe(s);
    }

    [Theory]
    [InlineData("hello world")]
    [InlineData("app.kubernetes.io/name")]
    [InlineData("--port=8080")]
    [InlineData("-x")]
    [InlineData("a:b")]
    [InlineData("http://example.com/a#b")]
    [InlineData("nginx:1.27")]
    [InlineData("100%")]
    [InlineData("200mbit")]
    [InlineData("système")]
    [InlineData("system:masters")]
    [InlineData("a, b")]
    [InlineData("0.0.0.0/0")]
    public void Write_SafeString_IsPlain(string s) =>
        YamlJsonWriter.Write(new JsonObject { ["v"] = s }).ShouldBe($"v: {s}\n");

    [Fact]
    public void Write_QuotedKey_WhenKeyIsAmbiguous() =>
        YamlJsonWriter.Write(new JsonObject { ["yes"] = 1, ["1"] = 2, ["a: b"] = 3 }).ShouldBe("\"yes\": 1\n\"1\": 2\n\"a: b\": 3\n");

    [Theory]
    [InlineData("a\nb\n", "v: |\n  a\n  b\n")]
    [InlineData("a\nb", "v: |-\n  a\n  b\n")]
    [InlineData("a\n\nb\n\n\n", "v: |+\n  a\n\n  b\n\n\n")]
    [InlineData("\nfirst line empty\n", "v: |\n\n  first line empty\n")]
    public void Write_MultiLineString_IsLiteralBlockWithRightChomping(string s, string expected)
    {
        var yaml = YamlJsonWriter.Write(new JsonObject { ["v"] = s });

        yaml.ShouldBe(expected);
        YamlJsonReader.ReadSingle(yaml).Root!["v"]!.GetValue<string>().ShouldBe(s);
    }

    [Theory]
    [InlineData("  indented first\nline\n")] // would need an indentation indicator
    [InlineData("\n\n")] // no content line
    [InlineData("a\r\nb\n")] // CR is not kept by a block scalar
    public void Write_MultiLineStringUnfitForBlock_IsDoubleQuoted(string s)
    {
        var yaml = YamlJsonWriter.Write(new JsonObject { ["v"] = s });

        yaml.ShouldStartWith("v: \"");
        YamlJsonReader.ReadSingle(yaml).Root!["v"]!.GetValue<string>().ShouldBe(s);
    }

    [Fact]
    public void Write_LiteralBlockInSequenceItem_IndentsUnderTheItem()
    {
        var node = JsonNode.Parse("{\"items\":[{\"script\":\"a\\nb\\n\"}, \"x\\ny\"]}");

        var yaml = YamlJsonWriter.Write(node);

        yaml.ShouldBe("items:\n- script: |\n    a\n    b\n- |-\n  x\n  y\n");
        JsonValueEquality.DeepEquals(YamlJsonReader.ReadSingle(yaml).Root, node).ShouldBeTrue();
    }

    [Fact]
    public void Write_RootMultiLineString_IndentsContentSoMarkersStayContent()
    {
        var yaml = YamlJsonWriter.Write(JsonValue.Create("a\n---\n...\n"));

        yaml.ShouldBe("|\n  a\n  ---\n  ...\n");
        YamlJsonReader.ReadSingle(yaml).Root!.GetValue<string>().ShouldBe("a\n---\n...\n");
    }

    [Fact]
    public void WriteDocuments_SeparatesWithDashes() =>
        YamlJsonWriter.WriteDocuments([new JsonObject { ["a"] = 1 }, null, new JsonArray(1)]).ShouldBe("a: 1\n---\nnull\n---\n- 1\n");

    [Fact]
    public void WriteThenRead_RandomJson_RoundTrips()
    {
        var property = Prop.ForAll(Arb.From(JsonGen(3)), node =>
        {
            var yaml = YamlJsonWriter.Write(node);
            var back = YamlJsonReader.ReadSingle(yaml).Root;
            return JsonValueEquality.DeepEquals(node, back);
        });

        FsCheck.Check.One(FsCheck.Config.QuickThrowOnFailure.WithMaxTest(500), property);
    }

    /// <summary>Random JSON whose strings lean on the characters YAML treats specially.</summary>
    private static Gen<JsonNode?> JsonGen(int depth)
    {
        var tricky = new[]
        {
            "", "yes", "no", "on", "null", "~", "true", "0644", "1.5", "1e3", "-", "- x", "a: b", "#", "x #y", "---", "...",
            "<<", " ", "a\nb", "a\n", "\n", "\t", "'", "\"", "\\", ":", "?", "!", "&a", "*a", "%", "@", "`", "{", "}", "[", "]",
            ",", "|", ">", "2024-01-01", "1:2", "é", "\u0085", "\u2028", "\uFEFF", "\u0000", "\r\n", "😀", "a  b", ".5", "+1",
        };
        var stringGen = Gen.OneOf(
            Gen.Elements(tricky),
            Gen.ListOf(Gen.Elements(tricky), 3).Select(parts => string.Concat(parts)),
            Gen.Elements("app", "web", "kube-system", "netguard.io/qos-class", "x y"));
        var scalar = Gen.OneOf(
            stringGen.Select(s => (JsonNode?)JsonValue.Create(s)),
            Gen.Choose(-1000, 1000).Select(i => (JsonNode?)JsonValue.Create((long)i)),
            Gen.Elements(0.5, -2.25, 1e300, 3.14159).Select(d => (JsonNode?)JsonValue.Create(d)),
            Gen.Elements(true, false).Select(b => (JsonNode?)JsonValue.Create(b)),
            Gen.Constant<JsonNode?>(null));
        if (depth == 0)
        {
            return scalar;
        }

        var child = JsonGen(depth - 1);
        var array = Gen.ListOf(child, 4).Select(items => (JsonNode?)new JsonArray(items.Select(i => i?.DeepClone()).ToArray()));
        var obj = Gen.ListOf(Gen.Zip(stringGen, child), 4).Select(pairs =>
        {
            var o = new JsonObject();
            foreach (var (k, v) in pairs)
            {
                o[k] = v?.DeepClone();
            }

            return (JsonNode?)o;
        });
        return Gen.OneOf(scalar, array, obj);
    }
}
