using System.Text.Json.Nodes;
using Netguard.Plugin.Tests.Audit;

namespace Netguard.Plugin.Tests.Config;

/// <summary>`config view` without --config reads ConfigMap netguard-system/netguard-config (key config.yaml).</summary>
public sealed class ConfigViewLiveTests : IAsyncLifetime
{
    private LiveCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await LiveCluster.StartAsync(seed: false);

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    private void SeedConfigMap(JsonObject data) => _cluster.Upsert(new JsonObject
    {
        ["apiVersion"] = "v1",
        ["kind"] = "ConfigMap",
        ["metadata"] = new JsonObject { ["name"] = "netguard-config", ["namespace"] = "netguard-system" },
        ["data"] = data,
    });

    [Fact]
    public async Task View_ClusterConfigMap_ShowsItWithEveryDefault()
    {
        SeedConfigMap(new JsonObject { ["config.yaml"] = Golden.Read("custom-config.yaml") });

        var result = await _cluster.RunAsync(["config", "view"]);

        result.ExitCode.ShouldBe(0);
        result.Stdout.ShouldBe(Golden.Read("view-custom.yaml"));
        result.Stderr.ShouldBe("note: showing the config from ConfigMap netguard-system/netguard-config\n");
        _cluster.Server.Requests.Select(r => $"{r.Method} {r.Path}").ShouldBe(["GET /api/v1/namespaces/netguard-system/configmaps/netguard-config"]);
    }

    [Fact]
    public async Task View_NoConfigMap_BuiltInDefaultWithANote()
    {
        var result = await _cluster.RunAsync(["config", "view"]);

        result.ExitCode.ShouldBe(0);
        result.Stdout.ShouldBe(Golden.Read("view-default.yaml"));
        result.Stderr.ShouldBe("note: ConfigMap netguard-system/netguard-config not found; showing the built-in default config\n");
    }

    [Fact]
    public async Task View_ConfigMapWithoutTheKey_ExitsTwoNamingIt()
    {
        SeedConfigMap(new JsonObject { ["config.yml"] = "qos: {}" });

        var result = await _cluster.RunAsync(["config", "view"]);

        result.ExitCode.ShouldBe(2);
        result.Stdout.ShouldBeEmpty();
        result.Stderr.ShouldBe("error: ConfigMap netguard-system/netguard-config: data[\"config.yaml\"]: missing: the ConfigMap holds the NetguardConfig under the key config.yaml\n");
    }

    [Fact]
    public async Task View_ApiError_ExitsThree()
    {
        _cluster.Server.Fail("/api/v1/namespaces/netguard-system/configmaps/netguard-config", 500, "InternalError", "etcdserver: leader changed");

        var result = await _cluster.RunAsync(["config", "view"]);

        result.ExitCode.ShouldBe(3);
        result.Stderr.ShouldBe("error: etcdserver: leader changed\n");
    }

    [Fact]
    public async Task View_ConfigFlag_DoesNotAskTheCluster()
    {
        var file = _cluster.WriteFile("c.yaml", Golden.Read("custom-config.yaml"));

        var result = await _cluster.RunAsync(["config", "view", "--config", file]);

        result.ExitCode.ShouldBe(0);
        result.Stdout.ShouldBe(Golden.Read("view-custom.yaml"));
        _cluster.Server.Requests.ShouldBeEmpty();
    }
}
