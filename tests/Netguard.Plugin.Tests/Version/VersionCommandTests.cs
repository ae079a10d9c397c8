using System.Text.Json.Nodes;
using Netguard.Plugin.Cli;
using Netguard.Testing;
using Netguard.Testing.FakeApiServer;

namespace Netguard.Plugin.Tests.Version;

public sealed class VersionCommandTests : IAsyncLifetime, IDisposable
{
    private readonly TestDirectory _dir = new("netguard-version");
    private FakeKubeApiServer _server = null!;

    public async Task InitializeAsync() =>
        _server = await FakeKubeApiServer.StartAsync(new FakeKubeApiServerOptions { RequireAuthentication = true });

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Version_TokenKubeconfig_PrintsClientAndServerVersion()
    {
        _server.AcceptToken("tok", "alice");
        var config = _dir.Write("config", FakeKubeconfig.Yaml(_server, "    token: tok\n"));

        var result = await CliRunner.RunAsync(["version", "--kubeconfig", config]);

        result.ExitCode.ShouldBe(0);
        result.Stderr.ShouldBeEmpty();
        result.Stdout.ShouldBe(Golden.Read("version.txt"));
        _server.Requests.Single().Path.ShouldBe("/version");
        _server.Requests.Single().User.ShouldBe("alice");
        _server.Requests.Single().Header("User-Agent").ShouldBe("kubectl-netguard/v0.1.0");
    }

    [Fact]
    public async Task Version_Json_MatchesGoldenShape()
    {
        _server.AcceptToken("tok");
        var config = _dir.Write("config", FakeKubeconfig.Yaml(_server, "    token: tok\n"));

        var result = await CliRunner.RunAsync(["version", "-o", "json", "--kubeconfig", config]);

        result.ExitCode.ShouldBe(0);
        result.Stdout.ShouldBe(Golden.Read("version.json").Replace("<platform>", ClientVersion.Current.Platform, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Version_JsonWithUnknownServerFields_PassesThemThrough()
    {
        await using var server = await FakeKubeApiServer.StartAsync(new FakeKubeApiServerOptions
        {
            Version = new JsonObject { ["major"] = "1", ["minor"] = "33", ["gitVersion"] = "v1.33.0+k3s1", ["emulationMajor"] = "1", ["emulationMinor"] = "32" },
        });
        var config = _dir.Write("other", FakeKubeconfig.Yaml(server));

        var result = await CliRunner.RunAsync(["version", "-o", "json", "--kubeconfig", config]);

        result.ExitCode.ShouldBe(0);
        var json = JsonNode.Parse(result.Stdout)!;
        JsonNode.DeepEquals(json["serverVersion"], new JsonObject { ["major"] = "1", ["minor"] = "33", ["gitVersion"] = "v1.33.0+k3s1", ["emulationMajor"] = "1", ["emulationMinor"] = "32" }).ShouldBeTrue();
        json["clientVersion"]!["gitVersion"]!.GetValue<string>().ShouldBe("v0.1.0");
        result.Stdout.ShouldContain("\"gitVersion\": \"v1.33.0+k3s1\""); // as kubectl prints it: "+" not escaped
    }

    [Fact]
    public async Task Version_ClientCertificateKubeconfig_AuthenticatesAsCertUser()
    {
        var files = _server.Pki.WriteClient("cert-admin", ["system:masters"]);
        var config = _dir.Write("config", FakeKubeconfig.Yaml(_server, $"    client-certificate: {files.CertificatePath}\n    client-key: {files.KeyPath}\n"));

        var result = await CliRunner.RunAsync(["version", "--kubeconfig", config]);

        result.ExitCode.ShouldBe(0);
        _server.Requests.Single().User.ShouldBe("cert-admin");
    }

    [Fact]
    public async Task Version_TokenFileKubeconfig_ReadsTokenRelativeToKubeconfig()
    {
        _server.AcceptToken("from-file", "file-user");
        _dir.Write("secrets/token", "from-file\n");
        var config = _dir.Write("config", FakeKubeconfig.Yaml(_server, "    tokenFile: secrets/token\n"));

        var result = await CliRunner.RunAsync(["version", "--kubeconfig", config]);

        result.ExitCode.ShouldBe(0);
        _server.Requests.Single().User.ShouldBe("file-user");
    }

    [Fact]
    public async Task Version_ExecPluginKubeconfig_UsesPluginToken()
    {
        _server.AcceptToken("exec-token", "exec-user");
        var script = _dir.Write("plugin.sh", "#!/bin/sh\necho '{\"apiVersion\":\"client.authentication.k8s.io/v1beta1\",\"kind\":\"ExecCredential\",\"status\":{\"token\":\"exec-token\"}}'\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        }

        var config = _dir.Write("config", FakeKubeconfig.Yaml(_server, "    exec:\n      apiVersion: client.authentication.k8s.io/v1beta1\n      command: ./plugin.sh\n"));

        var result = await CliRunner.RunAsync(["version", "--kubeconfig", config]);

        result.ExitCode.ShouldBe(0);
        _server.Requests.Single().User.ShouldBe("exec-user");
    }

    [Fact]
    public async Task Version_MergedKubeconfigWithContextFlag_UsesThatContext()
    {
        _server.AcceptToken("tok", "merged-user");
        var deadPort = FreePort();
        var first = _dir.Write("first", $$"""
            current-context: dead
            clusters:
            - name: dead
              cluster: {server: "https://127.0.0.1:{{deadPort}}", insecure-skip-tls-verify: true}
            users:
            - name: nobody
              user: {}
            contexts:
            - name: dead
              context: {cluster: dead, user: nobody}
            """);
        var second = _dir.Write("second", FakeKubeconfig.Yaml(_server, "    token: tok\n", context: "live"));
        var env = new Dictionary<string, string> { ["KUBECONFIG"] = $"{first}::{Path.Combine(_dir.Path, "missing")}:{second}" };

        var live = await CliRunner.RunAsync(["version", "--context", "live"], env: env);
        var current = await CliRunner.RunAsync(["version"], env: env);

        live.ExitCode.ShouldBe(0);
        _server.Requests.Single().User.ShouldBe("merged-user");
        current.ExitCode.ShouldBe(3); // first file's current-context wins: the dead server
        current.Stderr.ShouldBe($"error: connection refused to https://127.0.0.1:{deadPort}\n");
        current.Stdout.ShouldBe("Client Version: v0.1.0\n");
    }

    [Fact]
    public async Task Version_HomeKubeconfig_UsedWithoutFlagOrVariable()
    {
        _server.AcceptToken("tok", "home-user");
        _dir.Write("home/.kube/config", FakeKubeconfig.Yaml(_server, "    token: tok\n"));

        var result = await CliRunner.RunAsync(["version"], env: new Dictionary<string, string> { ["HOME"] = Path.Combine(_dir.Path, "home") });

        result.ExitCode.ShouldBe(0);
        _server.Requests.Single().User.ShouldBe("home-user");
    }

    [Fact]
    public async Task Version_ServerAndTokenFlagsWithoutKubeconfig_Work()
    {
        _server.AcceptToken("flag-token", "flag-user");

        var result = await CliRunner.RunAsync(["version", "-s", _server.Url.ToString(), "--token", "flag-token", "--certificate-authority", _server.CaCertificatePath]);

        result.ExitCode.ShouldBe(0);
        _server.Requests.Single().User.ShouldBe("flag-user");
    }

    [Fact]
    public async Task Version_ClientOnly_DoesNotCallTheServer()
    {
        var result = await CliRunner.RunAsync(["version", "--client"]);

        result.ExitCode.ShouldBe(0);
        result.Stdout.ShouldBe("Client Version: v0.1.0\n");
        _server.Requests.ShouldBeEmpty();
    }

    [Fact]
    public async Task Version_Unreachable_PrintsClientVersionAndFailsWithExit3()
    {
        var port = FreePort();

        var result = await CliRunner.RunAsync(["version", "-s", $"https://127.0.0.1:{port}", "--insecure-skip-tls-verify"]);

        result.ExitCode.ShouldBe(3);
        result.Stdout.ShouldBe("Client Version: v0.1.0\n");
        result.Stderr.ShouldBe($"error: connection refused to https://127.0.0.1:{port}\n");
    }

    [Fact]
    public async Task Version_UnreachableJson_PrintsClientOnlyJson()
    {
        var result = await CliRunner.RunAsync(["version", "-o", "json", "-s", $"https://127.0.0.1:{FreePort()}", "--insecure-skip-tls-verify"]);

        result.ExitCode.ShouldBe(3);
        var json = JsonNode.Parse(result.Stdout)!.AsObject();
        json.Select(p => p.Key).ShouldBe(["clientVersion"]);
    }

    [Fact]
    public async Task Version_WrongToken_Exit3Unauthorized()
    {
        var config = _dir.Write("config", FakeKubeconfig.Yaml(_server, "    token: wrong\n"));

        var result = await CliRunner.RunAsync(["version", "--kubeconfig", config]);

        result.ExitCode.ShouldBe(3);
        result.Stderr.ShouldBe("error: Unauthorized: the server rejected the credentials (you must be logged in to the server)\n");
    }

    [Fact]
    public async Task Version_Forbidden_Exit3WithServerMessage()
    {
        _server.AcceptToken("tok", "x");
        _server.Fail("/version", 403, "Forbidden", "forbidden: User \"x\" cannot get path \"/version\"");
        var config = _dir.Write("config", FakeKubeconfig.Yaml(_server, "    token: tok\n"));

        var result = await CliRunner.RunAsync(["version", "--kubeconfig", config]);

        result.ExitCode.ShouldBe(3);
        result.Stderr.ShouldBe("error: forbidden: User \"x\" cannot get path \"/version\"\n");
    }

    [Fact]
    public async Task Version_UnknownCertificateAuthority_Exit3()
    {
        using var other = new Netguard.Testing.Certificates.TestPki();

        var result = await CliRunner.RunAsync(["version", "-s", _server.Url.ToString(), "--token", "t", "--certificate-authority", other.CaCertificatePath]);

        result.ExitCode.ShouldBe(3);
        result.Stderr.ShouldBe($"error: certificate signed by unknown authority (https://127.0.0.1:{_server.Url.Port})\n");
    }

    [Fact]
    public async Task Version_SlowServerWithRequestTimeout_Exit3Timeout()
    {
        _server.AcceptToken("tok");
        _server.ResponseDelay = TimeSpan.FromSeconds(5);
        var config = _dir.Write("config", FakeKubeconfig.Yaml(_server, "    token: tok\n"));

        var result = await CliRunner.RunAsync(["version", "--kubeconfig", config, "--request-timeout", "300ms"]);

        result.ExitCode.ShouldBe(3);
        result.Stderr.ShouldBe($"error: request timed out after 300ms (GET {_server.Url}version)\n");
    }

    [Fact]
    public async Task Version_ImpersonationFlags_SentAsHeaders()
    {
        _server.AcceptToken("tok", "admin");
        var config = _dir.Write("config", FakeKubeconfig.Yaml(_server, "    token: tok\n"));

        var result = await CliRunner.RunAsync(["version", "--kubeconfig", config, "--as", "jane", "--as-group", "devs"]);

        result.ExitCode.ShouldBe(0);
        _server.Requests.Single().Header("Impersonate-User").ShouldBe("jane");
        _server.Requests.Single().HeaderValues("Impersonate-Group").ShouldBe(["devs"]);
    }

    [Fact]
    public async Task Version_TwoImpersonatedGroups_Exit2OneLineAndNothingSent()
    {
        _server.AcceptToken("tok", "admin");
        var config = _dir.Write("config", FakeKubeconfig.Yaml(_server, "    token: tok\n"));

        var result = await CliRunner.RunAsync(["version", "--kubeconfig", config, "--as", "jane", "--as-group", "devs", "--as-group", "qa"]);

        result.ExitCode.ShouldBe(2);
        result.Stderr.ShouldStartWith("error: ");
        result.Stderr.ShouldContain("impersonating 2 groups (devs, qa) is not supported");
        result.Stderr.TrimEnd('\n').ShouldNotContain('\n');
        _server.Requests.ShouldBeEmpty();
    }

    [Fact]
    public async Task Version_FailingExecPlugin_Exit3OneLine()
    {
        var script = _dir.Write("fail.sh", "#!/bin/sh\necho 'token expired, run login' >&2\nexit 1\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        }

        var config = _dir.Write("config", FakeKubeconfig.Yaml(_server, "    exec:\n      apiVersion: client.authentication.k8s.io/v1\n      interactiveMode: Never\n      command: ./fail.sh\n"));

        var result = await CliRunner.RunAsync(["version", "--kubeconfig", config]);

        result.ExitCode.ShouldBe(3);
        result.Stderr.ShouldBe($"error: exec plugin \"{script}\" failed with exit code 1: token expired, run login\n");
    }

    [Fact]
    public async Task Version_MissingKubeconfigFile_Exit2NamesFile()
    {
        var missing = Path.Combine(_dir.Path, "nope");

        var result = await CliRunner.RunAsync(["version", "--kubeconfig", missing]);

        result.ExitCode.ShouldBe(2);
        result.Stderr.ShouldBe($"error: kubeconfig {missing}: file not found\n");
    }

    [Fact]
    public async Task Version_UnknownContext_Exit2NamesContext()
    {
        var config = _dir.Write("config", FakeKubeconfig.Yaml(_server, "    token: t\n"));

        var result = await CliRunner.RunAsync(["version", "--kubeconfig", config, "--context", "prod"]);

        result.ExitCode.ShouldBe(2);
        result.Stderr.ShouldBe($"error: --context: context \"prod\" not found in {config} (known: fake)\n");
    }

    [Fact]
    public async Task Version_MalformedKubeconfig_Exit2OneLine()
    {
        var config = _dir.Write("config", "clusters: [\n  - name: x\n    cluster: {server: \n");

        var result = await CliRunner.RunAsync(["version", "--kubeconfig", config]);

        result.ExitCode.ShouldBe(2);
        result.Stderr.ShouldStartWith($"error: kubeconfig {config}: malformed YAML at line ");
        result.Stderr.TrimEnd('\n').ShouldNotContain("\n");
        result.Stderr.ShouldNotContain("   at ");
    }

    [Fact]
    public async Task Version_MissingClientCertificateFile_Exit2NamesField()
    {
        var config = _dir.Write("config", FakeKubeconfig.Yaml(_server, "    client-certificate: gone.crt\n    client-key: gone.key\n"));

        var result = await CliRunner.RunAsync(["version", "--kubeconfig", config]);

        result.ExitCode.ShouldBe(2);
        result.Stderr.ShouldBe($"error: kubeconfig {config}, context \"fake\", users[0].user.client-certificate: file \"{Path.Combine(_dir.Path, "gone.crt")}\" not found\n");
    }

    [Fact]
    public async Task Version_BadRequestTimeout_Exit2NamesFlag()
    {
        var config = _dir.Write("config", FakeKubeconfig.Yaml(_server, "    token: t\n"));

        var result = await CliRunner.RunAsync(["version", "--kubeconfig", config, "--request-timeout", "soon"]);

        result.ExitCode.ShouldBe(2);
        result.Stderr.ShouldBe("error: --request-timeout: invalid duration \"soon\" (want e.g. 30s, 1m, 2h, or 0 for none)\n");
    }

    [Fact]
    public async Task Version_NoConfigurationAtAll_Exit2()
    {
        var result = await CliRunner.RunAsync(["version"]);

        result.ExitCode.ShouldBe(2);
        result.Stderr.ShouldStartWith("error: no configuration has been provided");
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
