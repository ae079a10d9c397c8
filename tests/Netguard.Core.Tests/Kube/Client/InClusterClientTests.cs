using Netguard.Core.Kube.Client;
using Netguard.Core.Kube.Config;
using Netguard.Core.Kube.Resources;
using Netguard.Testing;
using Netguard.Testing.FakeApiServer;

namespace Netguard.Core.Tests.Kube.Client;

/// <summary>A client built from a service-account directory, as the webhook and agent run in their pods.</summary>
public sealed class InClusterClientTests : IAsyncLifetime, IDisposable
{
    private readonly TestDirectory _serviceAccount = new("netguard-sa");
    private FakeKubeApiServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = await FakeKubeApiServer.StartAsync(new FakeKubeApiServerOptions { RequireAuthentication = true });
        File.Copy(_server.CaCertificatePath, Path.Combine(_serviceAccount.Path, "ca.crt"));
        _serviceAccount.Write("namespace", "netguard-system");
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public void Dispose() => _serviceAccount.Dispose();

    [Fact]
    public async Task InCluster_TokenRotated_NextRequestUsesNewToken()
    {
        var tokenPath = _serviceAccount.Write("token", "sa-token-1");
        _server.AcceptToken("sa-token-1", "system:serviceaccount:netguard-system:netguard");
        var options = KubeClientOptions.InCluster(new InClusterEnvironment
        {
            ServiceHost = "127.0.0.1",
            ServicePort = _server.Url.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ServiceAccountDirectory = _serviceAccount.Path,
        });
        using var client = new KubeClient(options);

        await client.ListAsync(KubeResourceTypes.Pods, client.DefaultNamespace);
        File.WriteAllText(tokenPath, "sa-token-2");
        _server.RevokeToken("sa-token-1");
        _server.AcceptToken("sa-token-2", "system:serviceaccount:netguard-system:netguard");
        await client.ListAsync(KubeResourceTypes.Pods, client.DefaultNamespace);

        client.DefaultNamespace.ShouldBe("netguard-system");
        _server.Requests.Select(r => r.Header("Authorization")).ShouldBe(["Bearer sa-token-1", "Bearer sa-token-1", "Bearer sa-token-2"]);
        _server.Requests.ShouldAllBe(r => r.Path == "/api/v1/namespaces/netguard-system/pods");
    }
}
