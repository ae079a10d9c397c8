using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Netguard.Core.JsonPatch;
using Netguard.Core.Yaml;
using Netguard.Testing;

namespace Netguard.Plugin.Tests.Check;

public class CheckCommandTests
{
    private static readonly string Examples = TestData("examples");

    /// <summary>Input manifests in Check/TestData, read in place from the source tree.</summary>
    private static string TestData(string relative, [CallerFilePath] string caller = "") =>
        Path.Combine(Path.GetDirectoryName(caller)!, "TestData", relative);

    [Fact]
    public async Task Check_Examples_TableMatchesGoldenAndExitsOne()
    {
        var result = await CliRunner.RunAsync(["check", "-f", Examples]);

        result.ExitCode.ShouldBe(1);
        result.Stderr.ShouldBeEmpty();
        result.Stdout.ShouldNotContain("\u001b[");
        Golden.ShouldMatch(result.Stdout, "examples.table.txt");
    }

    [Fact]
    public async Task Check_Examples_JsonInSpecShapeMatchesGolden()
    {
        var result = await CliRunner.RunAsync(["check", "-f", Examples, "-o", "json"]);

        result.ExitCode.ShouldBe(1);
        result.Stderr.ShouldBeEmpty();
        var json = JsonNode.Parse(result.Stdout)!.AsObject();
        // Counted by hand from manifests/examples: 21 objects (config.yaml is not one); denied: node-debugger,
        // api-egress-lockdown, nightly-report; 3 warnings on allow-everything; 10 objects patched.
        json["summary"]!.ToJsonString().ShouldBe("""{"objects":21,"denied":3,"warnings":3,"mutated":10}""");
        foreach (var r in json["results"]!.AsArray())
        {
            r!.AsObject().Select(p => p.Key).ShouldBe(["kind", "namespace", "name", "allowed", "findings", "patch"]);
            r["findings"]!.AsArray().ShouldAllBe(f => f!.AsObject().Select(p => p.Key).SequenceEqual(new[] { "rule", "action", "message" }));
        }

        Golden.ShouldMatch(result.Stdout, "examples.json");
    }

    [Fact]
    public async Task Check_Examples_YamlIsTheJsonReport()
    {
        var json = await CliRunner.RunAsync(["check", "-f", Examples, "-o", "json"]);
        var yaml = await CliRunner.RunAsync(["check", "-f", Examples, "-o", "yaml"]);

        yaml.ExitCode.ShouldBe(1);
        JsonValueEquality.DeepEquals(YamlJsonReader.ReadSingle(yaml.Stdout).Root, JsonNode.Parse(json.Stdout)).ShouldBeTrue();
    }

    [Fact]
    public async Task Check_MutatedExamplesCheckedAgain_NoPatch()
    {
        var first = await CliRunner.RunAsync(["check", "-f", Examples, "-o", "json", "--show-patch"]);
        var mutated = JsonNode.Parse(first.Stdout)!["results"]!.AsArray().Select(r => r!["mutated"]).Where(m => m is not null).ToList();
        mutated.Count.ShouldBe(10);

        // The mutated objects, with the rest of the examples as cluster state (nodes, DNS pods, policies).
        var second = await CliRunner.RunAsync(["check", "-f", "-", "-o", "json"], stdin: YamlJsonWriter.WriteDocuments(mutated));

        JsonNode.Parse(second.Stdout)!["results"]!.AsArray().ShouldAllBe(r => r!["patch"]!.AsArray().Count == 0);
    }

    [Fact]
    public async Task Check_StdinWithShowPatch_PrintsPatchAndResultingYaml()
    {
        var stdin = await File.ReadAllTextAsync(Path.Combine(Examples, "good-app.yaml"));

        var result = await CliRunner.RunAsync(["check", "-f", "-", "--show-patch"], stdin: stdin);

        result.ExitCode.ShouldBe(0);
        Golden.ShouldMatch(result.Stdout, "good-app.show-patch.txt");
        var documents = YamlJsonReader.ReadDocuments(result.Stdout[result.Stdout.IndexOf("---\n", StringComparison.Ordinal)..]);
        documents.Select(d => d.Root).ShouldHaveSingleItem()!["metadata"]!["name"]!.GetValue<string>().ShouldBe("web");
    }

    [Fact]
    public async Task Check_SeveralPaths_AllRead()
    {
        var result = await CliRunner.RunAsync(["check", "-f", Path.Combine(Examples, "nodes.yaml"), Path.Combine(Examples, "daemonset.yaml"), "-o", "json"]);

        result.ExitCode.ShouldBe(0);
        JsonNode.Parse(result.Stdout)!["summary"]!["objects"]!.GetValue<int>().ShouldBe(5);
    }

    [Fact]
    public async Task Check_ListDocumentOnStdin_EachItemChecked()
    {
        var stdin = """
            apiVersion: v1
            kind: List
            items:
            - apiVersion: v1
              kind: Service
              metadata: {name: api, namespace: shop}
              spec: {selector: {app: api}, ports: [{port: 80}]}
            - apiVersion: v1
              kind: Pod
              metadata: {name: api-0, namespace: shop, annotations: {netguard.io/qos-class: gold}}
              spec: {containers: [{name: c, image: api}]}
            """;

        var result = await CliRunner.RunAsync(["check", "-f", "-", "-o", "json"], stdin: stdin);

        result.ExitCode.ShouldBe(1);
        var results = JsonNode.Parse(result.Stdout)!["results"]!.AsArray();
        results.Select(r => r!["kind"]!.GetValue<string>() + "/" + r["name"]!.GetValue<string>()).ShouldBe(["Service/api", "Pod/api-0"]);
        results[0]!["patch"]!.ToJsonString().ShouldBe("""[{"op":"add","path":"/spec/trafficDistribution","value":"PreferClose"}]""");
        results[1]!["findings"]!.AsArray().Select(f => f!["rule"]!.GetValue<string>()).ShouldBe(["qos-class", "qos-class-unknown"]);
    }

    [Fact]
    public async Task Check_MalformedYaml_ExitsTwoNamingFileAndLine()
    {
        var path = TestData("malformed.yaml");

        var result = await CliRunner.RunAsync(["check", "-f", path]);

        result.ExitCode.ShouldBe(2);
        result.Stdout.ShouldBeEmpty();
        result.Stderr.ShouldStartWith($"error: {path}:5: ");
        result.Stderr.TrimEnd('\n').ShouldNotContain('\n');
    }

    [Fact]
    public async Task Check_FieldOfWrongType_ExitsTwoNamingField()
    {
        var stdin = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n  namespace: shop\nspec:\n  containers: []\n  tolerations:\n    key: a\n";

        var result = await CliRunner.RunAsync(["check", "-f", "-"], stdin: stdin);

        result.ExitCode.ShouldBe(2);
        result.Stderr.ShouldBe("error: <stdin>:8: Pod shop/x: spec.tolerations has the wrong type\n");
    }

    [Fact]
    public async Task Check_UnknownConfigFile_ExitsTwo()
    {
        var missing = Path.Combine(Path.GetTempPath(), "netguard-no-such-config.yaml");

        var result = await CliRunner.RunAsync(["check", "-f", Examples, "--config", missing]);

        result.ExitCode.ShouldBe(2);
        result.Stderr.ShouldBe($"error: {missing}: no such file or directory\n");
    }

    [Fact]
    public async Task Check_NamespaceFlag_PlacesNamespacelessObjectsThereAndKeepsNamedOnes()
    {
        const string stdin = """
            apiVersion: v1
            kind: Pod
            metadata: {name: p}
            spec: {containers: [{name: c, image: x}]}
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: q, namespace: bar}
            spec: {containers: [{name: c, image: x}]}
            ---
            apiVersion: v1
            kind: Node
            metadata: {name: n1}
            """;

        var result = await CliRunner.RunAsync(["check", "-f", "-", "-n", "foo", "-o", "json", "--show-patch"], stdin: stdin);

        result.ExitCode.ShouldBe(0, result.Stderr);
        var results = JsonNode.Parse(result.Stdout)!["results"]!.AsArray();
        results.Select(r => $"{r!["kind"]}/{r["namespace"]}/{r["name"]}").ShouldBe(["Pod/foo/p", "Pod/bar/q", "Node//n1"]);
        results[0]!["mutated"]!["metadata"]!["namespace"]!.GetValue<string>().ShouldBe("foo");
    }

    [Fact]
    public async Task Check_ConfigAndManifestsBothFromStdin_Exit2()
    {
        var result = await CliRunner.RunAsync(["check", "-f", "-", "--config", "-"], stdin: "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\n");

        result.ExitCode.ShouldBe(2);
        result.Stderr.ShouldBe("error: --config - and -f - cannot both read standard input\n");
    }

    [Fact]
    public async Task Check_EmptyConfigName_Exit2()
    {
        var result = await CliRunner.RunAsync(["check", "-f", Examples, "--config", ""]);

        result.ExitCode.ShouldBe(2);
        result.Stderr.ShouldBe("error: the config file name is empty\n");
    }

    [Fact]
    public async Task Check_FlagAfterPaths_SaysItMayBeAFlag()
    {
        var result = await CliRunner.RunAsync(["check", "-f", Examples, "--bogus"]);

        result.ExitCode.ShouldBe(2);
        result.Stderr.ShouldBe("error: --bogus: no such file or directory (if it is a flag, put it before -f)\n");
    }

    [Fact]
    public async Task Check_ExampleConfig_ValidAndApplied()
    {
        // config.yaml adds a colocate entry for shop's web pods and names the control-plane assignment.
        var result = await CliRunner.RunAsync(["check", "-f", Examples, "--config", Path.Combine(Examples, "config.yaml"), "-o", "json"]);

        result.ExitCode.ShouldBe(1);
        result.Stderr.ShouldBeEmpty();
        var results = JsonNode.Parse(result.Stdout)!["results"]!.AsArray();
        var web = results.Single(r => r!["kind"]!.GetValue<string>() == "Deployment" && r["name"]!.GetValue<string>() == "web")!;
        web["findings"]!.AsArray().Select(f => f!["rule"]!.GetValue<string>()).ShouldContain("colocate-affinity");
        var coredns = results.Single(r => r!["name"]!.GetValue<string>() == "coredns")!;
        coredns["findings"]!.AsArray().ShouldContain(f => f!["message"]!.GetValue<string>() == "set netguard.io/qos-class=control-plane (assignment:system-critical)");
    }

    [Fact]
    public async Task Check_ConfigTurningDenialsIntoWarnings_ExitsZero()
    {
        using var dir = new TestDirectory("netguard-check");
        var config = dir.Write("netguard.yaml", """
            rules:
              control-plane-toleration: warn
              control-plane-pinning: warn
              netpol-blocks-dns: warn
              qos-class-forbidden: warn
            """);

        var result = await CliRunner.RunAsync(["check", "-f", Examples, "--config", config, "-o", "json"]);

        result.ExitCode.ShouldBe(0);
        // The three denied objects carry four denials (node-debugger has two); they become warnings.
        JsonNode.Parse(result.Stdout)!["summary"]!.ToJsonString().ShouldBe("""{"objects":21,"denied":0,"warnings":7,"mutated":10}""");
    }

    [Fact]
    public async Task Check_InvalidConfig_ExitsTwoListingEveryProblem()
    {
        using var dir = new TestDirectory("netguard-check");
        var config = dir.Write("bad.yaml", "qos:\n  defaultClass: gold\ncontrolPlane:\n  allowDaemonSet: true\n");

        var result = await CliRunner.RunAsync(["check", "-f", Examples, "--config", config]);

        result.ExitCode.ShouldBe(2);
        result.Stdout.ShouldBeEmpty();
        var lines = result.Stderr.TrimEnd('\n').Split('\n');
        lines.Length.ShouldBe(2);
        lines.ShouldAllBe(l => l.StartsWith("error: " + config + ":", StringComparison.Ordinal));
        result.Stderr.ShouldContain("controlPlane.allowDaemonSet");
        result.Stderr.ShouldContain("qos.defaultClass");
    }

    [Fact]
    public async Task Check_MissingPath_ExitsTwo()
    {
        var result = await CliRunner.RunAsync(["check", "-f", TestData("no-such-dir")]);

        result.ExitCode.ShouldBe(2);
        result.Stderr.ShouldStartWith("error: ");
    }

    [Fact]
    public async Task Check_NoFilename_ExitsTwo()
    {
        (await CliRunner.RunAsync(["check"])).ExitCode.ShouldBe(2);
    }

    [Fact]
    public async Task Check_UnknownOutputFormat_ExitsTwo()
    {
        (await CliRunner.RunAsync(["check", "-f", Examples, "-o", "wide"])).ExitCode.ShouldBe(2);
    }

    [Fact]
    public async Task Check_CleanInput_ExitsZero()
    {
        var result = await CliRunner.RunAsync(["check", "-f", Path.Combine(Examples, "kube-dns.yaml")]);

        result.ExitCode.ShouldBe(0);
        result.Stdout.ShouldEndWith("3 objects: 0 denied, 0 warnings, 2 mutated\n");
    }

    [Theory]
    [InlineData(null, true)]
    [InlineData("1", false)]
    public async Task Check_Terminal_ColorsActionsUnlessNoColor(string? noColor, bool colored)
    {
        var env = noColor is null ? null : new Dictionary<string, string> { ["NO_COLOR"] = noColor };

        var result = await CliRunner.RunAsync(["check", "-f", Path.Combine(Examples, "control-plane-toleration.yaml")], env: env, terminal: true);

        result.ExitCode.ShouldBe(1);
        result.Stdout.Contains("\u001b[31mdeny\u001b[0m", StringComparison.Ordinal).ShouldBe(colored);
        result.Stdout.Contains("\u001b[36mmutate\u001b[0m", StringComparison.Ordinal).ShouldBe(colored);
        result.Stdout.Contains('\u001b', StringComparison.Ordinal).ShouldBe(colored);
    }
}
