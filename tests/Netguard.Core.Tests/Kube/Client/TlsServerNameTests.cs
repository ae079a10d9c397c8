using Netguard.Core.Kube.Client;
using Netguard.Core.Kube.Config;
using Netguard.Core.Kube.Errors;
using Netguard.Testing;
using Netguard.Testing.FakeApiServer;

namespace Netguard.Core.Tests.Kube.Client;

public sealed class TlsServerNameTests : IAsyncLifetime, IDisposable
{
    private readonly TestDirectory _dir = new();
    private FakeKubeApiServer _server = null!;

    public async Task InitializeAsync() =>
        _server = await FakeKubeApiServer.StartAsync(new FakeKubeApiServerOptions { ServerNames = ["kubernetes.internal"] });

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task GetVersion_TlsServerName_SentAsSniAndVerified()
    {
        using var client = Client("    tls-server-name: kubernetes.internal\n");

        (await client.GetVersionAsync()).GitVersion.ShouldBe("v1.31.2");

        _server.ServerNamesSeen.ShouldContain("kubernetes.internal");
    }

    [Fact]
    public async Task GetVersion_TlsServerNameFlag_OverridesKubeconfig()
    {
        using var client = Client("    tls-server-name: wrong.example\n", new KubeConfigOverrides { TlsServerName = "kubernetes.internal" });

        (await client.GetVersionAsync()).GitVersion.ShouldBe("v1.31.2");
    }

    [Fact]
    public async Task GetVersion_IpUrlWithoutTlsServerName_SaysWhichNamesTheCertificateHas()
    {
        using var client = Client("");

        var e = await Should.ThrowAsync<KubeConnectionException>(() => client.GetVersionAsync());

        e.Message.ShouldBe($"certificate is valid for kubernetes.internal, not 127.0.0.1 (https://127.0.0.1:{_server.Url.Port})");
    }

    private KubeClient Client(string clusterExtra, KubeConfigOverrides? overrides = null)
    {
        var yaml = FakeKubeconfig.Yaml(_server, "", clusterYaml: $"    server: {_server.Url}\n    certificate-authority: {_server.CaCertificatePath}\n{clusterExtra}");
        var path = _dir.Write("config", yaml);
        return new KubeClient(KubeClientOptions.FromKubeConfig(new KubeConfigSource { ExplicitPath = path }, overrides));
    }
}
