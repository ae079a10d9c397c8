using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Netguard.Core.Kube.Resources;
using Netguard.Core.Manifests;
using Netguard.Testing;
using Netguard.Testing.FakeApiServer;

namespace Netguard.Plugin.Tests.Audit;

/// <summary>
/// A fake API server seeded with Audit/testdata/cluster (nodes, namespaces, pods with status, workloads,
/// services, policies — as an API server serves them), a kubeconfig pointing at it, and an in-process CLI runner
/// with a fixed clock. Shared by the audit, qos and taints tests.
/// </summary>
public sealed class LiveCluster : IAsyncDisposable
{
    /// <summary>The clock the CLI sees: 2025-01-02T03:04:05Z.</summary>
    public static readonly DateTimeOffset Now = new(2025, 1, 2, 3, 4, 5, TimeSpan.Zero);

    private readonly TestDirectory _dir = new("netguard-live");

    private LiveCluster(FakeKubeApiServer server)
    {
        Server = server;
    }

    public FakeKubeApiServer Server { get; }

    public static string TestData([CallerFilePath] string caller = "") => Path.Combine(Path.GetDirectoryName(caller)!, "testdata");

    public static async Task<LiveCluster> StartAsync(bool seed = true)
    {
        var server = await FakeKubeApiServer.StartAsync();
        var cluster = new LiveCluster(server);
        if (seed)
        {
            foreach (var m in ManifestReader.ReadPaths([Path.Combine(TestData(), "cluster")]))
            {
                cluster.Upsert(m.Object);
            }
        }

        return cluster;
    }

    public void Upsert(JsonObject obj)
    {
        var kind = obj["kind"]!.GetValue<string>();
        Server.Upsert(KubeResource.All.Single(r => r.Kind == kind), obj);
    }

    /// <summary>A kubeconfig for the fake server; <paramref name="ns"/> is the context's namespace.</summary>
    public string Kubeconfig(string? ns = null) => _dir.Write($"kubeconfig-{ns ?? "none"}", FakeKubeconfig.Yaml(Server, ns: ns));

    /// <summary>Writes a file into the test directory and returns its path.</summary>
    public string WriteFile(string name, string text) => _dir.Write(name, text);

    /// <summary>Runs kubectl-netguard with --kubeconfig (context namespace <paramref name="ns"/>) in the test directory.</summary>
    public Task<CliResult> RunAsync(string[] args, string? ns = null) =>
        CliRunner.RunAsync([.. args, "--kubeconfig", Kubeconfig(ns)], currentDirectory: _dir.Path, homeDirectory: _dir.Path, time: new ManualTimeProvider(Now));

    /// <summary>The PATCH requests the server received, in order.</summary>
    public IReadOnlyList<FakeRequest> Patches => Server.Requests.Where(r => r.Method == "PATCH").ToList();

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        _dir.Dispose();
    }
}
