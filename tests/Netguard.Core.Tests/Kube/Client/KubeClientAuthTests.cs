using System.Net;
using System.Net.Sockets;
using Netguard.Core.Kube.Client;
using Netguard.Core.Kube.Config;
using Netguard.Core.Kube.Errors;
using Netguard.Testing;
using Netguard.Testing.Certificates;
using Netguard.Testing.FakeApiServer;

namespace Netguard.Core.Tests.Kube.Client;

public sealed class KubeClientAuthTests : IAsyncLifetime, IDisposable
{
    private readonly TestDirectory _dir = new();
    private FakeKubeApiServer _server = null!;

    public async Task InitializeAsync() =>
        _server = await FakeKubeApiServer.StartAsync(new FakeKubeApiServerOptions
        {
            RequireAuthentication = true,
            BasicUsers = new Dictionary<string, string> { ["admin"] = "s3cr3t:with colon" },
        });

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task GetVersion_BearerToken_SendsTokenAndReadsVersion()
    {
        _server.AcceptToken("abc.def", "alice");
        using var client = Client("    token: abc.def\n");

        var version = await client.GetVersionAsync();

        version.GitVersion.ShouldBe("v1.31.2");
        version.Major.ShouldBe("1");
        var request = _server.Requests.Single();
        request.Path.ShouldBe("/version");
        request.Header("Authorization").ShouldBe("Bearer abc.def");
        request.User.ShouldBe("alice");
    }

    [Fact]
    public async Task GetVersion_WrongToken_ThrowsUnauthorized()
    {
        _server.AcceptToken("good", "alice");
        using var client = Client("    token: bad\n");

        var e = await Should.ThrowAsync<KubeApiException>(() => client.GetVersionAsync());

        e.StatusCode.ShouldBe(401);
        e.IsUnauthorized.ShouldBeTrue();
        e.Message.ShouldStartWith("Unauthorized");
    }

    [Theory]
    [InlineData(TestKeyAlgorithm.Rsa, PrivateKeyPemFormat.Traditional, false)]
    [InlineData(TestKeyAlgorithm.Rsa, PrivateKeyPemFormat.Pkcs8, false)]
    [InlineData(TestKeyAlgorithm.EcdsaP256, PrivateKeyPemFormat.Traditional, false)]
    [InlineData(TestKeyAlgorithm.EcdsaP256, PrivateKeyPemFormat.Pkcs8, false)]
    [InlineData(TestKeyAlgorithm.Rsa, PrivateKeyPemFormat.Traditional, true)]
    [InlineData(TestKeyAlgorithm.EcdsaP256, PrivateKeyPemFormat.Traditional, true)]
    public async Task GetVersion_ClientCertificate_ServerSeesCommonName(TestKeyAlgorithm algorithm, PrivateKeyPemFormat format, bool inline)
    {
        var files = _server.Pki.WriteClient("jane", ["dev"], algorithm: algorithm, keyFormat: format);
        var user = inline
            ? $"    client-certificate-data: {Base64File(files.CertificatePath)}\n    client-key-data: {Base64File(files.KeyPath)}\n"
            : $"    client-certificate: {files.CertificatePath}\n    client-key: {files.KeyPath}\n";
        using var client = Client(user);

        await client.GetVersionAsync();

        var request = _server.Requests.Single();
        request.User.ShouldBe("jane");
        request.Header("Authorization").ShouldBeNull();
    }

    [Fact]
    public async Task GetVersion_BasicAuth_SendsUserAndPassword()
    {
        using var client = Client("    username: admin\n    password: \"s3cr3t:with colon\"\n");

        await client.GetVersionAsync();

        _server.Requests.Single().User.ShouldBe("admin");
        // RFC 7617: base64("admin:s3cr3t:with colon")
        _server.Requests.Single().Header("Authorization").ShouldBe("Basic YWRtaW46czNjcjN0OndpdGggY29sb24=");
    }

    [Fact]
    public async Task GetVersion_TokenFileRotated_RereadsAfterUnauthorizedAndRetriesOnce()
    {
        var tokenFile = _dir.Write("token", "first-token\n");
        _server.AcceptToken("first-token", "sa");
        using var client = Client("    tokenFile: token\n", kubeconfigDir: _dir.Path);
        await client.GetVersionAsync();

        File.WriteAllText(tokenFile, "second-token");
        _server.RevokeToken("first-token");
        _server.AcceptToken("second-token", "sa");
        await client.GetVersionAsync();

        _server.Requests.Select(r => r.Header("Authorization")).ShouldBe(["Bearer first-token", "Bearer first-token", "Bearer second-token"]);
        _server.Requests[^1].User.ShouldBe("sa");
    }

    [Fact]
    public async Task GetVersion_Impersonation_SendsUserAndGroupHeaders()
    {
        _server.AcceptToken("t", "admin");
        using var client = Client("    token: t\n", overrides: new KubeConfigOverrides { Impersonate = "bob", ImpersonateGroups = ["ops team"] });

        await client.GetVersionAsync();

        var request = _server.Requests.Single();
        request.Header("Impersonate-User").ShouldBe("bob");
        request.HeaderValues("Impersonate-Group").ShouldBe(["ops team"]);
    }

    [Fact]
    public void Build_TwoImpersonatedGroupsFromKubeconfig_RefusedNamingTheField()
    {
        // The HTTP client would send "Impersonate-Group: g1, g2", which the API server reads as one group "g1, g2".
        var config = KubeConfigParser.Parse(FakeKubeconfig.Yaml(_server, "    token: t\n    as-groups: [g1, g2]\n"), "config");

        var e = Should.Throw<KubeConfigException>(() => KubeClientOptionsBuilder.Build(config, new KubeConfigOverrides()));

        e.Message.ShouldContain("impersonating 2 groups (g1, g2) is not supported: this client can send only one Impersonate-Group header; give one group");
        e.Message.ShouldContain("as-groups");
    }

    [Fact]
    public async Task GetVersion_ImpersonationFromKubeconfig_SendsHeaders()
    {
        _server.AcceptToken("t", "admin");
        using var client = Client("    token: t\n    as: carol\n    as-groups: [g1]\n");

        await client.GetVersionAsync();

        _server.Requests.Single().Header("Impersonate-User").ShouldBe("carol");
        _server.Requests.Single().HeaderValues("Impersonate-Group").ShouldBe(["g1"]);
    }

    [Fact]
    public async Task GetVersion_TokenFlag_ReplacesKubeconfigCredentials()
    {
        _server.AcceptToken("flag-token", "flag-user");
        using var client = Client("    username: admin\n    password: wrong\n", overrides: new KubeConfigOverrides { Token = "flag-token" });

        await client.GetVersionAsync();

        _server.Requests.Single().User.ShouldBe("flag-user");
    }

    [Fact]
    public async Task GetVersion_ServerCertificateFromAnotherCa_SaysUnknownAuthority()
    {
        _server.AcceptToken("t");
        using var otherPki = new TestPki();
        var yaml = FakeKubeconfig.Yaml(_server, "    token: t\n", clusterYaml: $"    server: {_server.Url}\n    certificate-authority: {otherPki.CaCertificatePath}\n");
        using var client = ClientFromYaml(yaml);

        var e = await Should.ThrowAsync<KubeConnectionException>(() => client.GetVersionAsync());

        e.Message.ShouldBe($"certificate signed by unknown authority (https://127.0.0.1:{_server.Url.Port})");
    }

    [Fact]
    public async Task GetVersion_InsecureSkipTlsVerify_AcceptsAnyCertificate()
    {
        _server.AcceptToken("t");
        var yaml = FakeKubeconfig.Yaml(_server, "    token: t\n", clusterYaml: $"    server: {_server.Url}\n    insecure-skip-tls-verify: true\n");
        using var client = ClientFromYaml(yaml);

        (await client.GetVersionAsync()).GitVersion.ShouldBe("v1.31.2");
    }

    [Fact]
    public async Task GetVersion_CertificateAuthorityData_TrustsInlineCa()
    {
        _server.AcceptToken("t");
        var yaml = FakeKubeconfig.Yaml(_server, "    token: t\n", clusterYaml: $"    server: {_server.Url}\n    certificate-authority-data: {Base64File(_server.CaCertificatePath)}\n");
        using var client = ClientFromYaml(yaml);

        (await client.GetVersionAsync()).GitVersion.ShouldBe("v1.31.2");
    }

    [Fact]
    public async Task GetVersion_ConnectionRefused_NamesTheServer()
    {
        var port = FreePort();
        var yaml = FakeKubeconfig.Yaml(_server, "", clusterYaml: $"    server: https://127.0.0.1:{port}\n    insecure-skip-tls-verify: true\n");
        using var client = ClientFromYaml(yaml);

        var e = await Should.ThrowAsync<KubeConnectionException>(() => client.GetVersionAsync());

        e.Message.ShouldBe($"connection refused to https://127.0.0.1:{port}");
    }

    [Fact]
    public async Task GetVersion_SlowServer_TimesOutAfterRequestTimeout()
    {
        _server.AcceptToken("t");
        _server.ResponseDelay = TimeSpan.FromSeconds(5);
        using var client = Client("    token: t\n", overrides: new KubeConfigOverrides { RequestTimeout = "200ms" });

        var e = await Should.ThrowAsync<KubeConnectionException>(() => client.GetVersionAsync());

        e.IsTimeout.ShouldBeTrue();
        e.Message.ShouldBe($"request timed out after 200ms (GET {_server.Url}version)");
    }

    [Fact]
    public async Task GetVersion_Cancelled_ThrowsOperationCanceled()
    {
        _server.AcceptToken("t");
        _server.ResponseDelay = TimeSpan.FromSeconds(5);
        using var client = Client("    token: t\n");
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        await Should.ThrowAsync<OperationCanceledException>(() => client.GetVersionAsync(cts.Token));
    }

    [Fact]
    public async Task GetVersion_ProxyUrl_TunnelsThroughTheProxy()
    {
        _server.AcceptToken("t");
        await using var proxy = new FakeConnectProxy();
        var yaml = FakeKubeconfig.Yaml(_server, "    token: t\n", clusterYaml: $"    server: {_server.Url}\n    certificate-authority: {_server.CaCertificatePath}\n    proxy-url: {proxy.Url}\n");
        using var client = ClientFromYaml(yaml);

        (await client.GetVersionAsync()).GitVersion.ShouldBe("v1.31.2");

        proxy.Tunnels.ShouldBe([$"127.0.0.1:{_server.Url.Port}"]);
    }

    internal static string Base64File(string path) => Convert.ToBase64String(File.ReadAllBytes(path));

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private KubeClient Client(string userYaml, KubeConfigOverrides? overrides = null, string? kubeconfigDir = null)
    {
        var path = Path.Combine(kubeconfigDir ?? _dir.Path, "config-" + Guid.NewGuid().ToString("N"));
        File.WriteAllText(path, FakeKubeconfig.Yaml(_server, userYaml));
        return new KubeClient(KubeClientOptions.FromKubeConfig(new KubeConfigSource { ExplicitPath = path }, overrides));
    }

    private KubeClient ClientFromYaml(string yaml)
    {
        var path = _dir.Write("config-" + Guid.NewGuid().ToString("N"), yaml);
        return new KubeClient(KubeClientOptions.FromKubeConfig(new KubeConfigSource { ExplicitPath = path }));
    }
}
