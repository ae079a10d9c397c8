using Netguard.Core.Kube.Resources;
using Netguard.Core.Manifests;
using Netguard.Testing;
using Netguard.Testing.FakeApiServer;

namespace Netguard.Plugin.Tests.Policy;

/// <summary>The policy commands without -f: the same cluster as testdata/cluster, served by a fake API server.</summary>
public sealed class PolicyLiveTests : IAsyncLifetime, IDisposable
{
    private readonly TestDirectory _dir = new("netguard-policy-live");
    private FakeKubeApiServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = await FakeKubeApiServer.StartAsync();
        var manifests = ManifestReader.ReadPaths([Path.Combine(PolicyCli.Directory(), "testdata", "cluster")]);
        foreach (var m in manifests)
        {
            _server.Upsert(KubeResource.All.Single(r => r.Kind == m.Kind), m.Object);
        }
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public void Dispose() => _dir.Dispose();

    private string Kubeconfig(string? ns = null) => _dir.Write("config-" + (ns ?? "none"), FakeKubeconfig.Yaml(_server, ns: ns));

    [Fact]
    public async Task Reach_Live_SameAnswerAsOffline()
    {
        var result = await PolicyCli.RunAsync(["policy", "reach", "--kubeconfig", Kubeconfig(), "--from", "a/x", "--to", "b/y", "--port", "53/UDP", "-o", "json"]);

        result.ExitCode.ShouldBe(0, result.Stderr);
        result.Stdout.ShouldBe(Golden.Read("reach-allowed.json"));
        _server.Requests.Select(r => r.Path).ShouldBe(["/api/v1/pods", "/apis/networking.k8s.io/v1/networkpolicies", "/api/v1/namespaces"], ignoreOrder: true);
    }

    [Fact]
    public async Task Reach_BarePodName_UsesContextNamespace()
    {
        var result = await PolicyCli.RunAsync(["policy", "reach", "--kubeconfig", Kubeconfig("a"), "--from", "z", "--to", "b/db", "--port", "5432"]);

        result.ExitCode.ShouldBe(1, result.Stderr);
        result.Stdout.ShouldBe(Golden.Read("reach-denied.txt"));
    }

    [Fact]
    public async Task Matrix_Live_ContextNamespaceByDefault()
    {
        var result = await PolicyCli.RunAsync(["policy", "matrix", "--kubeconfig", Kubeconfig("b"), "--port", "5432", "-o", "json"]);

        result.ExitCode.ShouldBe(0, result.Stderr);
        result.Stdout.ShouldBe(Golden.Read("matrix-b.json"));
    }

    [Fact]
    public async Task Matrix_LiveAllNamespaces_SameAsOffline()
    {
        var result = await PolicyCli.RunAsync(["policy", "matrix", "--kubeconfig", Kubeconfig("b"), "-A"]);

        result.ExitCode.ShouldBe(0, result.Stderr);
        result.Stdout.ShouldBe(Golden.Read("matrix.txt"));
    }

    [Fact]
    public async Task Explain_LiveNamespaceFlag_SameAsOffline()
    {
        var result = await PolicyCli.RunAsync(["policy", "explain", "--kubeconfig", Kubeconfig(), "-n", "a", "-o", "json"]);

        result.ExitCode.ShouldBe(0, result.Stderr);
        result.Stdout.ShouldBe(Golden.Read("explain-a.json"));
    }

    [Fact]
    public async Task Reach_NamespacesForbidden_WarnsAndJudgesWithNameLabelsOnly()
    {
        _server.Fail("/api/v1/namespaces", 403, "Forbidden", "namespaces is forbidden: User \"dev\" cannot list resource \"namespaces\"");

        // Without namespace labels, a/web-egress's team=backend peer matches nothing, so a/x loses b/y.
        var result = await PolicyCli.RunAsync(["policy", "reach", "--kubeconfig", Kubeconfig(), "--from", "a/x", "--to", "b/y", "--port", "53/UDP"]);

        result.ExitCode.ShouldBe(1, result.Stderr);
        result.Stderr.ShouldBe("warning: cannot list namespaces (forbidden): namespaceSelectors see only the kubernetes.io/metadata.name label\n");
    }

    [Fact]
    public async Task Reach_ApiError_ExitsThreeWithOneLine()
    {
        _server.Fail("/api/v1/pods", 500, "InternalError", "etcd is unavailable");

        var result = await PolicyCli.RunAsync(["policy", "reach", "--kubeconfig", Kubeconfig(), "--from", "a/x", "--to", "b/y", "--port", "53/UDP"]);

        result.ExitCode.ShouldBe(3, result.Stderr);
        result.Stdout.ShouldBeEmpty();
        result.Stderr.Trim().Split('\n').ShouldHaveSingleItem().ShouldStartWith("error: ");
        result.Stderr.ShouldContain("etcd is unavailable");
    }
}
