using System.Text.Json.Nodes;
using Netguard.Plugin.Tests.Config;

namespace Netguard.Plugin.Tests.Audit;

public sealed class AuditCommandTests : IAsyncLifetime
{
    private LiveCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await LiveCluster.StartAsync();

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task Audit_AllNamespacesJson_ReportsEveryObjectWithFindings()
    {
        var result = await _cluster.RunAsync(["audit", "-A", "-o", "json"]);

        result.ExitCode.ShouldBe(1);
        Golden.ShouldMatch(result.Stdout, "audit-all.json");
        result.Stderr.ShouldBe("note: ConfigMap netguard-system/netguard-config not found; using the built-in default config\n");
    }
}
