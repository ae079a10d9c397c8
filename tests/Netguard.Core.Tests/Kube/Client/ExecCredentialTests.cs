using System.Text.Json.Nodes;
using Netguard.Core.Kube.Client;
using Netguard.Core.Kube.Config;
using Netguard.Core.Kube.Errors;
using Netguard.Testing;
using Netguard.Testing.FakeApiServer;

namespace Netguard.Core.Tests.Kube.Client;

/// <summary>Exec credential plugins (client.authentication.k8s.io) driven through a small shell script.</summary>
public sealed class ExecCredentialTests : IAsyncLifetime, IDisposable
{
    // Records each run (args one per line, KUBERNETES_EXEC_INFO) and prints token-N, or cred.json when present.
    private const string Script = """
        #!/bin/sh
        d="$EXEC_TEST_DIR"
        n=$(cat "$d/count" 2>/dev/null || echo 0)
        n=$((n+1))
        echo "$n" > "$d/count"
        : > "$d/args.$n"
        for a in "$@"; do printf '%s\n' "$a" >> "$d/args.$n"; done
        printf '%s' "$KUBERNETES_EXEC_INFO" > "$d/info.$n"
        printf '%s' "$EXTRA" > "$d/extra.$n"
        if [ -f "$d/fail" ]; then echo "starting login" >&2; echo "login failed: no browser" >&2; exit 7; fi
        if [ -f "$d/cred.$n.json" ]; then cat "$d/cred.$n.json"; exit 0; fi
        if [ -f "$d/cred.json" ]; then cat "$d/cred.json"; exit 0; fi
        exp=""
        if [ -f "$d/expiry" ]; then exp=",\"expirationTimestamp\":\"$(cat "$d/expiry")\""; fi
        printf '{"apiVersion":"%s","kind":"ExecCredential","status":{"token":"token-%s"%s}}\n' "${API_VERSION:-client.authentication.k8s.io/v1}" "$n" "$exp"
        """;

    private readonly TestDirectory _dir = new("netguard-exec");
    private FakeKubeApiServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = await FakeKubeApiServer.StartAsync(new FakeKubeApiServerOptions { RequireAuthentication = true });
        var script = _dir.Write("get-token.sh", Script.Replace("\r", "", StringComparison.Ordinal) + "\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task GetVersion_ExecPlugin_PassesArgsUnsplitEnvAndExecInfo()
    {
        _server.AcceptToken("token-1", "exec-user");
        using var client = Client("""
                  args: ["get-token", "--cluster name", "a b  c"]
                  env:
                  - name: EXTRA
                    value: "x y"
            """);

        await client.GetVersionAsync();

        _server.Requests.Single().User.ShouldBe("exec-user");
        File.ReadAllLines(Path.Combine(_dir.Path, "args.1")).ShouldBe(["get-token", "--cluster name", "a b  c"]);
        File.ReadAllText(Path.Combine(_dir.Path, "extra.1")).ShouldBe("x y");
        var info = JsonNode.Parse(File.ReadAllText(Path.Combine(_dir.Path, "info.1")))!;
        info["kind"]!.GetValue<string>().ShouldBe("ExecCredential");
        info["apiVersion"]!.GetValue<string>().ShouldBe("client.authentication.k8s.io/v1");
        info["spec"]!["interactive"]!.GetValue<bool>().ShouldBeFalse();
        info["spec"]!["cluster"].ShouldBeNull();
    }

    [Fact]
    public async Task GetVersion_V1beta1WithoutInteractiveMode_Works()
    {
        _server.AcceptToken("token-1");
        using var client = Client("""
                  env:
                  - {name: API_VERSION, value: client.authentication.k8s.io/v1beta1}
            """, apiVersion: "client.authentication.k8s.io/v1beta1", interactiveMode: null);

        (await client.GetVersionAsync()).GitVersion.ShouldBe("v1.31.2");
    }

    [Fact]
    public async Task GetVersion_CredentialWithoutExpiry_RunsPluginOnce()
    {
        _server.AcceptToken("token-1");
        using var client = Client("");

        await client.GetVersionAsync();
        await client.GetVersionAsync();

        Runs().ShouldBe(1);
    }

    [Fact]
    public async Task GetVersion_ConcurrentRequests_RunPluginOnce()
    {
        _server.AcceptToken("token-1");
        using var client = Client("");

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => client.GetVersionAsync()));

        Runs().ShouldBe(1);
        _server.Requests.Count.ShouldBe(8);
    }

    [Fact]
    public async Task GetVersion_CredentialExpired_RunsPluginAgain()
    {
        _server.AcceptToken("token-1");
        _server.AcceptToken("token-2");
        _dir.Write("expiry", "2030-01-01T00:00:00Z");
        var clock = new ManualTimeProvider(new DateTimeOffset(2029, 12, 31, 23, 0, 0, TimeSpan.Zero));
        using var client = Client("", time: clock);

        await client.GetVersionAsync();
        clock.Advance(TimeSpan.FromMinutes(59));
        await client.GetVersionAsync();
        Runs().ShouldBe(1);

        clock.Advance(TimeSpan.FromMinutes(1));
        await client.GetVersionAsync();

        Runs().ShouldBe(2);
        _server.Requests.Select(r => r.Header("Authorization")).ShouldBe(["Bearer token-1", "Bearer token-1", "Bearer token-2"]);
    }

    [Fact]
    public async Task GetVersion_Unauthorized_RefreshesOnceAndRetries()
    {
        _server.AcceptToken("token-2", "refreshed");
        using var client = Client("");

        await client.GetVersionAsync();

        Runs().ShouldBe(2);
        _server.Requests.Select(r => r.Header("Authorization")).ShouldBe(["Bearer token-1", "Bearer token-2"]);
        _server.Requests[^1].User.ShouldBe("refreshed");
    }

    [Fact]
    public async Task GetVersion_UnauthorizedAfterRefresh_GivesUpAfterOneRetry()
    {
        using var client = Client("");

        var e = await Should.ThrowAsync<KubeApiException>(() => client.GetVersionAsync());

        e.StatusCode.ShouldBe(401);
        Runs().ShouldBe(2);
        _server.Requests.Count.ShouldBe(2);
    }

    [Fact]
    public async Task GetVersion_ProvideClusterInfo_PassesClusterInExecInfo()
    {
        _server.AcceptToken("token-1");
        var clusterYaml = $"""
                server: {_server.Url}
                certificate-authority: {_server.CaCertificatePath}
                extensions:
                - name: client.authentication.k8s.io/exec
                  extension:
                    audience: netguard
            """;
        using var client = Client("      provideClusterInfo: true\n", clusterYaml: clusterYaml + "\n");

        await client.GetVersionAsync();

        var cluster = JsonNode.Parse(File.ReadAllText(Path.Combine(_dir.Path, "info.1")))!["spec"]!["cluster"]!;
        cluster["server"]!.GetValue<string>().ShouldBe(_server.Url.ToString().TrimEnd('/'));
        cluster["certificate-authority-data"]!.GetValue<string>().ShouldBe(Convert.ToBase64String(File.ReadAllBytes(_server.CaCertificatePath)));
        cluster["config"]!["audience"]!.GetValue<string>().ShouldBe("netguard");
    }

    [Fact]
    public async Task GetVersion_PluginFails_OneLineWithExitCodeAndLastStderrLine()
    {
        _dir.Write("fail", "");
        using var client = Client("");

        var e = await Should.ThrowAsync<KubeCredentialException>(() => client.GetVersionAsync());

        e.Message.ShouldBe($"exec plugin \"{Path.Combine(_dir.Path, "get-token.sh")}\" failed with exit code 7: login failed: no browser");
        _server.Requests.ShouldBeEmpty();
    }

    [Fact]
    public async Task GetVersion_PluginMissing_NamesCommandAndInstallHint()
    {
        using var client = Client("      installHint: install it with brew\n", command: "netguard-no-such-plugin");

        var e = await Should.ThrowAsync<KubeCredentialException>(() => client.GetVersionAsync());

        e.Message.ShouldStartWith("exec plugin: cannot run \"netguard-no-such-plugin\"");
        e.Message.ShouldEndWith("(install it with brew)");
    }

    [Fact]
    public async Task GetVersion_PluginReturnsWrongApiVersion_Fails()
    {
        using var client = Client("      env: [{name: API_VERSION, value: client.authentication.k8s.io/v1beta1}]\n");

        var e = await Should.ThrowAsync<KubeCredentialException>(() => client.GetVersionAsync());

        e.Message.ShouldEndWith("returned apiVersion \"client.authentication.k8s.io/v1beta1\", want \"client.authentication.k8s.io/v1\"");
    }

    [Fact]
    public async Task GetVersion_InteractiveAlwaysWithoutTerminal_Fails()
    {
        using var client = Client("", interactiveMode: "Always");

        var e = await Should.ThrowAsync<KubeCredentialException>(() => client.GetVersionAsync());

        e.Message.ShouldContain("requires an interactive terminal");
        Runs().ShouldBe(0);
    }

    [Fact]
    public async Task GetVersion_PluginReturnsClientCertificate_TlsUsesIt()
    {
        using var certificate = _server.Pki.Authority.IssueClient("exec-cert-user", algorithm: Netguard.Testing.Certificates.TestKeyAlgorithm.EcdsaP256);
        var credential = new JsonObject
        {
            ["apiVersion"] = "client.authentication.k8s.io/v1",
            ["kind"] = "ExecCredential",
            ["status"] = new JsonObject
            {
                ["clientCertificateData"] = certificate.CertificatePem,
                ["clientKeyData"] = certificate.KeyPem(),
            },
        };
        _dir.Write("cred.json", credential.ToJsonString());
        using var client = Client("");

        await client.GetVersionAsync();

        _server.Requests.Single().User.ShouldBe("exec-cert-user");
    }

    [Fact]
    public async Task GetVersion_PluginRotatesClientCertificate_NewRequestsPresentTheNewOne()
    {
        using var first = _server.Pki.Authority.IssueClient("cert-one", algorithm: Netguard.Testing.Certificates.TestKeyAlgorithm.EcdsaP256);
        using var second = _server.Pki.Authority.IssueClient("cert-two", algorithm: Netguard.Testing.Certificates.TestKeyAlgorithm.EcdsaP256);
        _dir.Write("cred.1.json", CertificateCredential(first, "2030-01-01T00:00:00Z").ToJsonString());
        _dir.Write("cred.2.json", CertificateCredential(second, null).ToJsonString());
        var clock = new ManualTimeProvider(new DateTimeOffset(2029, 12, 31, 23, 0, 0, TimeSpan.Zero));
        using var client = Client("", time: clock);

        await client.GetVersionAsync();
        clock.Advance(TimeSpan.FromHours(2));
        await client.GetVersionAsync();

        Runs().ShouldBe(2);
        _server.Requests.Select(r => r.User).ShouldBe(["cert-one", "cert-two"]);
    }

    private static JsonObject CertificateCredential(Netguard.Testing.Certificates.TestCertificate certificate, string? expiry)
    {
        var status = new JsonObject
        {
            ["clientCertificateData"] = certificate.CertificatePem,
            ["clientKeyData"] = certificate.KeyPem(),
        };
        if (expiry is not null)
        {
            status["expirationTimestamp"] = expiry;
        }

        return new JsonObject { ["apiVersion"] = "client.authentication.k8s.io/v1", ["kind"] = "ExecCredential", ["status"] = status };
    }

    private int Runs() => File.Exists(Path.Combine(_dir.Path, "count")) ? int.Parse(File.ReadAllText(Path.Combine(_dir.Path, "count")).Trim(), System.Globalization.CultureInfo.InvariantCulture) : 0;

    private KubeClient Client(
        string execExtra,
        string apiVersion = "client.authentication.k8s.io/v1",
        string? interactiveMode = "Never",
        string command = "./get-token.sh",
        string? clusterYaml = null,
        TimeProvider? time = null)
    {
        var user = $"""
                exec:
                  apiVersion: {apiVersion}
                  command: {command}
            """ + "\n"
            + (interactiveMode is null ? "" : $"      interactiveMode: {interactiveMode}\n")
            + (execExtra.Contains("env:", StringComparison.Ordinal) ? "" : $"      env: [{{name: EXEC_TEST_DIR, value: \"{_dir.Path}\"}}]\n")
            + execExtra.Replace("env:\n", $"env:\n      - {{name: EXEC_TEST_DIR, value: \"{_dir.Path}\"}}\n", StringComparison.Ordinal)
                .Replace("env: [", $"env: [{{name: EXEC_TEST_DIR, value: \"{_dir.Path}\"}}, ", StringComparison.Ordinal);
        var yaml = FakeKubeconfig.Yaml(_server, user, clusterYaml: clusterYaml);
        var path = _dir.Write("kubeconfig", yaml);
        return new KubeClient(KubeClientOptions.FromKubeConfig(new KubeConfigSource { ExplicitPath = path }), timeProvider: time, stdinIsTerminal: false);
    }
}
