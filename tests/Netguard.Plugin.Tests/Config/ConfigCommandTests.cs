using System.Text.Json.Nodes;
using Netguard.Core.JsonPatch;
using Netguard.Core.Yaml;
using Netguard.Plugin.Cli;

namespace Netguard.Plugin.Tests.Config;

public sealed class ConfigCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("netguard-config-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>Runs the CLI in <see cref="_dir"/>, so files are named relative to it as a user would.</summary>
    private Task<CliResult> RunWithStdin(string stdin, params string[] args) =>
        CliRunner.RunAsync(args, stdin, currentDirectory: _dir, homeDirectory: _dir);

    private Task<CliResult> Run(params string[] args) => RunWithStdin("", args);

    private void WriteFile(string name, string text) => File.WriteAllText(Path.Combine(_dir, name), text);

    [Fact]
    public async Task View_NoConfigNoCluster_PrintsBuiltInDefaultAndSaysSo()
    {
        var result = await Run("config", "view");

        result.ExitCode.ShouldBe(0);
        Golden.ShouldMatch(result.Stdout, "view-default.yaml");
        result.Stderr.ShouldBe("note: no --config given and no cluster configured; showing the built-in default config\n");
    }

    [Fact]
    public async Task View_JsonOutput_IsTheSameConfigIndented()
    {
        var result = await Run("config", "view", "-o", "json");

        result.ExitCode.ShouldBe(0);
        result.Stdout.ShouldStartWith("{\n  \"apiVersion\": \"netguard.io/v1alpha1\",\n  \"kind\": \"NetguardConfig\",\n  \"controlPlane\": {\n    \"nodeSelector\": {\n      \"node-role.kubernetes.io/control-plane\": \"\"\n");
        result.Stdout.ShouldEndWith("}\n");
        var expected = YamlJsonReader.ReadSingle(Golden.Read("view-default.yaml")).Root;
        JsonValueEquality.DeepEquals(JsonNode.Parse(result.Stdout), expected).ShouldBeTrue();
    }

    [Fact]
    public async Task View_PartialConfigFile_FillsInEveryDefault()
    {
        WriteFile("custom.yaml", Golden.Read("custom-config.yaml"));

        var result = await Run("config", "view", "--config", "custom.yaml");

        result.ExitCode.ShouldBe(0);
        result.Stderr.ShouldBeEmpty();
        Golden.ShouldMatch(result.Stdout, "view-custom.yaml");
    }

    [Fact]
    public async Task View_OutputLoadsBackAsValidConfig()
    {
        WriteFile("custom.yaml", Golden.Read("custom-config.yaml"));
        var first = await Run("config", "view", "--config", "custom.yaml");
        WriteFile("viewed.yaml", first.Stdout);

        var second = await Run("config", "view", "--config", "viewed.yaml");

        second.Stdout.ShouldBe(first.Stdout);
    }

    [Fact]
    public async Task View_ConfigFromStdin_IsRead()
    {
        var result = await RunWithStdin("qos:\n  linkRate: 25gbit\n", "config", "view", "--config", "-");

        result.ExitCode.ShouldBe(0);
        result.Stdout.ShouldContain("\n  linkRate: 25gbit\n");
    }

    [Fact]
    public async Task View_InvalidConfig_PrintsProblemsOnStderrAndExits2()
    {
        WriteFile("config.yaml", Golden.Read("invalid-config.yaml"));

        var result = await Run("config", "view", "--config", "config.yaml");

        result.ExitCode.ShouldBe(ExitCodes.Input);
        result.Stdout.ShouldBeEmpty();
        result.Stderr.ShouldBe(string.Concat(Golden.Read("validate-invalid.txt").Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => $"error: {l}\n")));
    }

    [Fact]
    public async Task View_MissingFile_Exits2WithOneLine()
    {
        var result = await Run("config", "view", "--config", "nope.yaml");

        result.ExitCode.ShouldBe(ExitCodes.Input);
        result.Stderr.ShouldBe("error: nope.yaml: no such file or directory\n");
    }

    [Fact]
    public async Task Validate_Directory_Exits2SayingSo()
    {
        var result = await Run("config", "validate", "-f", Path.GetTempPath().TrimEnd(Path.DirectorySeparatorChar));

        result.ExitCode.ShouldBe(ExitCodes.Input);
        result.Stderr.ShouldBe($"error: {Path.GetTempPath().TrimEnd(Path.DirectorySeparatorChar)}: is a directory, not a config file\n");
    }

    [Fact]
    public async Task View_UnknownOutputFormat_IsUsageError()
    {
        var result = await Run("config", "view", "-o", "table");

        result.ExitCode.ShouldBe(ExitCodes.Input);
        result.Stderr.ShouldBe("error: unknown output format \"table\" (want yaml, json)\n");
    }

    [Fact]
    public async Task Validate_InvalidConfig_ListsEveryProblemAndExits1()
    {
        WriteFile("config.yaml", Golden.Read("invalid-config.yaml"));

        var result = await Run("config", "validate", "-f", "config.yaml");

        result.ExitCode.ShouldBe(ExitCodes.Findings);
        Golden.ShouldMatch(result.Stdout, "validate-invalid.txt");
        result.Stderr.ShouldBe("config.yaml: 13 problems\n");
    }

    [Fact]
    public async Task Validate_ValidConfig_Exits0()
    {
        WriteFile("custom.yaml", Golden.Read("custom-config.yaml"));

        var result = await Run("config", "validate", "-f", "custom.yaml");

        result.ExitCode.ShouldBe(ExitCodes.Clean);
        result.Stdout.ShouldBe("custom.yaml: valid\n");
        result.Stderr.ShouldBeEmpty();
    }

    [Fact]
    public async Task Validate_EmptyFile_IsValid()
    {
        WriteFile("empty.yaml", "");

        (await Run("config", "validate", "-f", "empty.yaml")).ExitCode.ShouldBe(ExitCodes.Clean);
    }

    [Fact]
    public async Task Validate_ConfigMapManifest_ReportsManifestLines()
    {
        WriteFile("cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: netguard-config\n  namespace: netguard-system\ndata:\n  config.yaml: |\n    qos:\n      defaultClass: gold\n");

        var result = await Run("config", "validate", "--filename", "cm.yaml");

        result.ExitCode.ShouldBe(ExitCodes.Findings);
        result.Stdout.ShouldBe("cm.yaml:9: qos.defaultClass: class \"gold\" is not defined in qos.classes\n");
        result.Stderr.ShouldBe("cm.yaml: 1 problem\n");
    }

    [Fact]
    public async Task Validate_MalformedYaml_IsAProblemWithLine()
    {
        WriteFile("broken.yaml", "qos:\n  classes: [\n");

        var result = await Run("config", "validate", "-f", "broken.yaml");

        result.ExitCode.ShouldBe(ExitCodes.Findings);
        result.Stdout.ShouldStartWith("broken.yaml:");
        result.Stdout.Count(c => c == '\n').ShouldBe(1);
    }

    [Fact]
    public async Task Validate_Stdin_IsNamedStdin()
    {
        var result = await RunWithStdin("qos:\n  linkRate: 50%\n", "config", "validate", "-f", "-");

        result.ExitCode.ShouldBe(ExitCodes.Findings);
        result.Stdout.ShouldBe("<stdin>:2: qos.linkRate: must be an absolute rate such as 1gbit, not 50%\n");
    }

    [Fact]
    public async Task Validate_UnreadableFile_Exits2()
    {
        var result = await Run("config", "validate", "-f", "missing/config.yaml");

        result.ExitCode.ShouldBe(ExitCodes.Input);
        result.Stdout.ShouldBeEmpty();
        result.Stderr.ShouldBe("error: missing/config.yaml: no such file or directory\n");
    }

    [Fact]
    public async Task Validate_WithoutFile_IsUsageError()
    {
        var result = await Run("config", "validate");

        result.ExitCode.ShouldBe(ExitCodes.Input);
        result.Stderr.ShouldBe("error: Option '--filename' is required.\n");
    }
}
