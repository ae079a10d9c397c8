using System.Text.Json.Nodes;
using Netguard.Core.JsonPatch;
using Netguard.Core.Yaml;

namespace Netguard.Core.Tests.Yaml;

public class YamlJsonReaderTests
{
    private static JsonNode? Value(string yamlScalar) =>
        YamlJsonReader.ReadSingle("v: " + yamlScalar + "\n").Root!["v"];

    private static string Json(string yaml) => YamlJsonReader.ReadSingle(yaml).Root?.ToJsonString() ?? "null";

    [Theory]
    // YAML 1.1 null (go-yaml v2 resolve table): ~, null, Null, NULL and the empty scalar.
    [InlineData("~", "null")]
    [InlineData("null", "null")]
    [InlineData("Null", "null")]
    [InlineData("NULL", "null")]
    [InlineData("", "null")]
    // YAML 1.1 booleans as Kubernetes reads them: y/yes/on/true and n/no/off/false in lower, Title, UPPER case.
    [InlineData("true", "true")]
    [InlineData("True", "true")]
    [InlineData("TRUE", "true")]
    [InlineData("yes", "true")]
    [InlineData("Yes", "true")]
    [InlineData("y", "true")]
    [InlineData("Y", "true")]
    [InlineData("on", "true")]
    [InlineData("ON", "true")]
    [InlineData("false", "false")]
    [InlineData("no", "false")]
    [InlineData("NO", "false")]
    [InlineData("n", "false")]
    [InlineData("off", "false")]
    [InlineData("Off", "false")]
    // Mixed case is not in the table: a string.
    [InlineData("oN", "\"oN\"")]
    [InlineData("yEs", "\"yEs\"")]
    public void Read_NullAndBoolScalars_FollowYaml11Table(string scalar, string expectedJson) =>
        (Value(scalar)?.ToJsonString() ?? "null").ShouldBe(expectedJson);

    [Theory]
    [InlineData("0", 0L)]
    [InlineData("42", 42L)]
    [InlineData("-17", -17L)]
    [InlineData("+5", 5L)]
    [InlineData("1_000", 1000L)]
    [InlineData("0x1F", 31L)] // hex
    [InlineData("0o17", 15L)] // 8 + 7
    [InlineData("0644", 420L)] // leading zero is octal: 6*64 + 4*8 + 4
    [InlineData("0b101", 5L)]
    [InlineData("-0x10", -16L)]
    [InlineData("9223372036854775807", long.MaxValue)]
    [InlineData("-9223372036854775808", long.MinValue)]
    public void Read_IntegerScalars_UseGoBaseZeroSyntax(string scalar, long expected) =>
        Value(scalar)!.GetValue<long>().ShouldBe(expected);

    [Fact]
    public void Read_IntegerAboveInt64_IsUnsigned() =>
        Value("18446744073709551615")!.GetValue<ulong>().ShouldBe(ulong.MaxValue);

    [Theory]
    [InlineData("1.5", 1.5)]
    [InlineData("-2.25", -2.25)]
    [InlineData("1e+3", 1000.0)]
    [InlineData("+1.5e-2", 0.015)]
    [InlineData(".5", 0.5)]
    [InlineData("-.5", -0.5)]
    [InlineData("0789", 789.0)] // not octal (8, 9), not an int: the float pattern takes it
    [InlineData("99999999999999999999", 1e20)] // beyond uint64
    public void Read_FloatScalars_AreNumbers(string scalar, double expected) =>
        Value(scalar)!.GetValue<double>().ShouldBe(expected);

    [Theory]
    [InlineData("1e3")] // go-yaml v2's float pattern needs a signed exponent
    [InlineData("1.")]
    [InlineData("0x")]
    [InlineData("1:20")] // sexagesimal is not supported (YAML 1.2 dropped it)
    [InlineData("2024-01-02")] // timestamps stay strings
    [InlineData("2024-01-02T10:00:00Z")]
    [InlineData("yes please")]
    [InlineData("-x")]
    [InlineData("1e+999")] // out of float range: go-yaml keeps the text
    [InlineData("app.kubernetes.io/name")]
    public void Read_OtherPlainScalars_AreStrings(string scalar) =>
        Value(scalar)!.GetValue<string>().ShouldBe(scalar);

    [Theory]
    [InlineData("'yes'", "yes")]
    [InlineData("\"1\"", "1")]
    [InlineData("'null'", "null")]
    [InlineData("\"\"", "")]
    [InlineData("!!str 0644", "0644")]
    [InlineData("! true", "true")]
    [InlineData("!custom 5", "5")] // application tags keep the text, as go-yaml does
    [InlineData("\"a\\tb\\u00e9\"", "a\tb\u00e9")]
    [InlineData("'it''s'", "it's")]
    public void Read_QuotedOrStrTaggedScalars_AreStrings(string scalar, string expected) =>
        Value(scalar)!.GetValue<string>().ShouldBe(expected);

    [Fact]
    public void Read_ExplicitIntTag_ParsesQuotedNumber() => Value("!!int \"42\"")!.GetValue<long>().ShouldBe(42);

    [Fact]
    public void Read_ExplicitIntTagOnText_Throws() =>
        Should.Throw<YamlReadException>(() => Value("!!int abc")).Message.ShouldContain("as int");

    [Theory]
    [InlineData(".inf")]
    [InlineData("-.Inf")]
    [InlineData(".nan")]
    public void Read_NonFiniteFloat_ThrowsBecauseJsonCannotHoldIt(string scalar) =>
        Should.Throw<YamlReadException>(() => Value(scalar)).Reason.ShouldContain("cannot be represented in JSON");

    [Fact]
    public void Read_BlockScalars_KeepTheirLineBreaks()
    {
        var root = YamlJsonReader.ReadSingle("lit: |\n  a\n  b\nstrip: |-\n  a\nkeep: |+\n  a\n\nfold: >\n  a\n  b\n").Root!;

        root["lit"]!.GetValue<string>().ShouldBe("a\nb\n");
        root["strip"]!.GetValue<string>().ShouldBe("a");
        root["keep"]!.GetValue<string>().ShouldBe("a\n\n");
        root["fold"]!.GetValue<string>().ShouldBe("a b\n");
    }

    [Theory]
    [InlineData("yes: 1", "{\"true\":1}")] // go-yaml resolves the key to a bool; sigs.k8s.io/yaml writes it "true"
    [InlineData("y: 1", "{\"true\":1}")] // the same YAML 1.1 trap kubectl has with a key named y
    [InlineData("n: 1", "{\"false\":1}")]
    [InlineData("1: a", "{\"1\":\"a\"}")]
    [InlineData("0x10: a", "{\"16\":\"a\"}")]
    [InlineData("'yes': 1", "{\"yes\":1}")]
    public void Read_NonStringKeys_BecomeJsonStrings(string yaml, string expected) => Json(yaml).ShouldBe(expected);

    [Theory]
    [InlineData("~: a")]
    [InlineData("? [a]\n: b")]
    public void Read_NullOrCollectionKey_Throws(string yaml) =>
        Should.Throw<YamlReadException>(() => Json(yaml)).Reason.ShouldContain("key");

    [Fact]
    public void Read_FlowAndBlockCollections_KeepOrder() =>
        Json("b: [1, two, {c: d}]\na:\n- x\n- k: z\n").ShouldBe("{\"b\":[1,\"two\",{\"c\":\"d\"}],\"a\":[\"x\",{\"k\":\"z\"}]}");

    [Fact]
    public void Read_Alias_IsAnIndependentCopy()
    {
        var root = YamlJsonReader.ReadSingle("base: &b {x: 1}\ncopy: *b\nscalar: &s hello\nagain: *s\n").Root!.AsObject();

        root.ToJsonString().ShouldBe("{\"base\":{\"x\":1},\"copy\":{\"x\":1},\"scalar\":\"hello\",\"again\":\"hello\"}");
        root["copy"]!["x"] = 2;
        root["base"]!["x"]!.GetValue<long>().ShouldBe(1);
    }

    [Fact]
    public void Read_MergeKey_ExplicitKeysWinOverMergedOnes() =>
        Json("- &a {p: 1, q: 2}\n- <<: *a\n  q: 3\n- q: 4\n  <<: *a\n")
            .ShouldBe("[{\"p\":1,\"q\":2},{\"p\":1,\"q\":3},{\"q\":4,\"p\":1}]");

    [Fact]
    public void Read_MergeKeyWithSequence_EarlierMappingsWin() =>
        Json("a: &a {k: a, only-a: 1}\nb: &b {k: b, only-b: 2}\nc:\n  <<: [*a, *b]\n")
            .ShouldBe("{\"a\":{\"k\":\"a\",\"only-a\":1},\"b\":{\"k\":\"b\",\"only-b\":2},\"c\":{\"k\":\"a\",\"only-a\":1,\"only-b\":2}}");

    [Fact]
    public void Read_MergeKeyOnScalar_Throws() =>
        Should.Throw<YamlReadException>(() => Json("a:\n  <<: 5\n")).Reason.ShouldContain("merge key");

    [Fact]
    public void Read_DuplicateKey_ThrowsWithBothLines()
    {
        var e = Should.Throw<YamlReadException>(() => Json("metadata:\n  name: a\n  labels: {}\n  name: b\n"));

        e.Line.ShouldBe(4);
        e.Reason.ShouldBe("key \"name\" is already defined at line 2");
    }

    [Fact]
    public void Read_UndefinedAlias_Throws()
    {
        var e = Should.Throw<YamlReadException>(() => Json("a: 1\nb: *nope\n"));

        e.Line.ShouldBe(2);
        e.Reason.ShouldContain("*nope");
    }

    [Theory]
    [InlineData("a: b\nc\n", 2)] // a key without ':' on line 2
    [InlineData("a:\n  - b\n  -c: d: e\n", 3)]
    [InlineData("ok: 1\nkey: \"unterminated\n", 2)]
    [InlineData("a: 1\nb: @x\n", 2)] // '@' is reserved
    [InlineData("a: [1, 2\nb: 3\n", 1)] // an unclosed flow sequence, opened on line 1
    public void Read_MalformedYaml_ThrowsWithLine(string yaml, int line)
    {
        var e = Should.Throw<YamlReadException>(() => YamlJsonReader.ReadDocuments(yaml));

        e.Line.ShouldBe(line);
        e.Message.ShouldStartWith($"line {line}: ");
        e.Reason.ShouldNotContain("\n");
    }

    [Fact]
    public void ReadDocuments_MultiDocumentStream_KeepsEmptyDocumentsWithTheirLines()
    {
        // line 1: a: 1 | 2: --- | 3: --- | 4: b: 2 | 5: --- | 6: # only a comment
        var docs = YamlJsonReader.ReadDocuments("a: 1\n---\n---\nb: 2\n---\n# only a comment\n");

        docs.Select(d => d.Root?.ToJsonString()).ShouldBe(["{\"a\":1}", null, "{\"b\":2}", null]);
        docs.Select(d => d.Line).ShouldBe([1, 2, 4, 5]);
        docs.Select(d => d.Index).ShouldBe([0, 1, 2, 3]);
    }

    [Fact]
    public void ReadDocuments_CommentOnlyText_HasNoDocuments() =>
        YamlJsonReader.ReadDocuments("# nothing here\n").ShouldBeEmpty();

    [Fact]
    public void ReadDocuments_JsonText_ReadsAsYaml() =>
        YamlJsonReader.ReadSingle("{\"a\": [1, 2.5, \"x\", true, null],\n\t\"b\": {}}").Root!.ToJsonString()
            .ShouldBe("{\"a\":[1,2.5,\"x\",true,null],\"b\":{}}");

    [Fact]
    public void Read_CrLfLineEndsAndByteOrderMark_ReadLikeLf()
    {
        var doc = YamlJsonReader.ReadSingle("\uFEFFa: 1\r\nb: |\r\n  x\r\n  y\r\nc: z\r\n");

        doc.Root!.ToJsonString().ShouldBe("{\"a\":1,\"b\":\"x\\ny\\n\",\"c\":\"z\"}");
        doc.Lines.LineOf("/c").ShouldBe(5);
    }

    [Fact]
    public void ReadSingle_TwoDocuments_Throws() =>
        Should.Throw<YamlReadException>(() => YamlJsonReader.ReadSingle("a: 1\n---\nb: 2\n")).Line.ShouldBe(3);

    [Fact]
    public void Lines_RecordKeysAndItems()
    {
        const string yaml = """
            apiVersion: v1
            kind: Pod
            metadata:
              name: web
            spec:
              containers:
              - name: app
                image: nginx
              - name: sidecar
            """;
        var doc = YamlJsonReader.ReadSingle(yaml);

        doc.Lines.LineOf("").ShouldBe(1);
        doc.Lines.LineOf("/metadata/name").ShouldBe(4);
        doc.Lines.LineOf("/spec/containers").ShouldBe(6);
        doc.Lines.LineOf("/spec/containers/0").ShouldBe(7);
        doc.Lines.LineOf("/spec/containers/0/image").ShouldBe(8);
        doc.Lines.LineOf("/spec/containers/1/name").ShouldBe(9);
        doc.Lines.LineOf("/spec/missing").ShouldBeNull();
        doc.Lines.NearestLineOf("/spec/containers/1/ports/0").ShouldBe(9);
    }

    [Fact]
    public void Lines_KeyWithSlash_IsEscapedInPointer()
    {
        var doc = YamlJsonReader.ReadSingle("labels:\n  app.kubernetes.io/name: x\n");

        doc.Lines.LineOf(JsonPointer.Create("labels", "app.kubernetes.io/name")).ShouldBe(2);
    }

    [Fact]
    public void Lines_LiteralBlock_RecordsIndicatorLine()
    {
        var doc = YamlJsonReader.ReadSingle("data:\n  config.yaml: |\n    qos: {}\n");

        doc.Lines.TryGetLiteralBlockLine("/data/config.yaml", out var line).ShouldBeTrue();
        line.ShouldBe(2);
    }

    [Fact]
    public void Read_DeepNesting_ThrowsInsteadOfOverflowingTheStack()
    {
        var yaml = new string('[', 5000) + new string(']', 5000);

        Should.Throw<YamlReadException>(() => YamlJsonReader.ReadDocuments(yaml)).Reason.ShouldContain("deeper");
    }

    [Fact]
    public void Read_BillionLaughs_ThrowsInsteadOfExpanding()
    {
        var sb = new System.Text.StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (var i = 1; i < 10; i++)
        {
            sb.Append($"a{i}: &a{i} [*a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}]\n");
        }

        Should.Throw<YamlReadException>(() => YamlJsonReader.ReadDocuments(sb.ToString())).Reason.ShouldContain("aliases expand");
    }
}
