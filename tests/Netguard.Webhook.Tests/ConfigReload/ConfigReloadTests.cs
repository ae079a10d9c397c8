using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Netguard.Testing;
using Netguard.Webhook.ConfigReload;
using Netguard.Webhook.Tests.Infrastructure;

namespace Netguard.Webhook.Tests.ConfigReload;

/// <summary>
/// --config is re-read when it changes; a bad new config is rejected with one log line listing every problem,
/// the last good one stays in use, and /metrics says so (SPEC §4, §5.5). The config syntax here is a
/// stand-in (<see cref="LineConfigParser"/>) so the reload mechanism is tested on its own.
/// </summary>
public sealed class ConfigReloadTests : IDisposable
{
    private readonly TestDirectory _dir = new("netguard-config");
    private readonly CapturingLoggerProvider _logs = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task ConfigFileRewritten_NextRequestsUseTheNewRuleAction()
    {
        var path = _dir.Write("config.yaml", "test-deny: deny\n");
        await using var server = await StartAsync(path);
        var client = server.CreateClient();
        var review = AdmissionFixtures.Load("pod-create").WithLabel("test/deny");
        (await client.PostAsync("/validate", review)).Body!["response"]!["allowed"]!.GetValue<bool>().ShouldBeFalse();

        File.WriteAllText(path, "test-deny: warn\n");

        await Eventually.TrueAsync(async () => (await client.PostAsync("/validate", review)).Body!["response"]!["allowed"]!.GetValue<bool>());
        var (_, body, _) = await client.PostAsync("/validate", review);
        body!["response"]!["warnings"]!.AsArray().Single()!.GetValue<string>().ShouldBe("[test-deny] the pod carries test/deny");
        (await client.GetStringAsync("/metrics")).ShouldContain("netguard_webhook_config_reloads_total{result=\"success\"} 2");
    }

    [Fact]
    public async Task BadConfigWritten_RejectedWithOneLineListingEveryProblem_LastGoodKept()
    {
        var path = _dir.Write("config.yaml", "test-deny: warn\n");
        await using var server = await StartAsync(path);
        var client = server.CreateClient();
        var review = AdmissionFixtures.Load("pod-create").WithLabel("test/deny");

        File.WriteAllText(path, "test-deny: sometimes\ngarbage\n");

        await Eventually.TrueAsync(async () => (await client.GetStringAsync("/metrics")).Contains("netguard_webhook_config_reloads_total{result=\"failure\"} 1", StringComparison.Ordinal));
        var metrics = await client.GetStringAsync("/metrics");
        metrics.ShouldContain("netguard_webhook_config_last_reload_successful 0");
        var rejected = _logs.Entries.Where(e => e.Level == LogLevel.Error && e.Category == typeof(ConfigFile).FullName).ToList();
        rejected.Count.ShouldBe(1);
        rejected[0].Message.ShouldBe($"Config {path} rejected, keeping the last good config: line 1: \"test-deny: sometimes\" is not \"rule: action\"; line 2: \"garbage\" is not \"rule: action\"");

        // Still the last good config: test-deny only warns.
        (await client.PostAsync("/validate", review)).Body!["response"]!["allowed"]!.GetValue<bool>().ShouldBeTrue();

        // Fixing the file is picked up again.
        File.WriteAllText(path, "test-deny: deny\n");
        await Eventually.TrueAsync(async () => !(await client.PostAsync("/validate", review)).Body!["response"]!["allowed"]!.GetValue<bool>());
        (await client.GetStringAsync("/metrics")).ShouldContain("netguard_webhook_config_last_reload_successful 1");
    }

    [Fact]
    public async Task ConfigMapVolumeDataSwapped_PickedUpByTheWatcher()
    {
        var volume = new AtomicVolume(_dir.Path);
        volume.Publish(new Dictionary<string, string> { ["config.yaml"] = "test-deny: deny\n" });
        await using var server = await StartAsync(Path.Combine(_dir.Path, "config.yaml"), TimeSpan.FromHours(1));
        var client = server.CreateClient();
        var review = AdmissionFixtures.Load("pod-create").WithLabel("test/deny");

        volume.Publish(new Dictionary<string, string> { ["config.yaml"] = "test-deny: off\n" });

        await Eventually.TrueAsync(async () => (await client.PostAsync("/validate", review)).Body!["response"]!["allowed"]!.GetValue<bool>());
        var (_, body, _) = await client.PostAsync("/validate", review);
        body!["response"]!.AsObject().ContainsKey("warnings").ShouldBeFalse(); // off: not even a warning
    }

    [Fact]
    public async Task RealYamlConfig_ExampleConfigEdited_RuleActionChangesAndABadEditIsKeptOut()
    {
        var path = _dir.Write("config.yaml", File.ReadAllText(RepositoryPaths.Of("manifests", "examples", "config.yaml")));
        await using var server = await WebhookTestServer.StartAsync(
            Netguard.Core.Rules.BuiltInRules.All,
            options: o => o with { ConfigFile = path },
            services: s => s.AddSingleton<ILoggerProvider>(_logs));
        var client = server.CreateClient();
        var review = AdmissionFixtures.Load("pod-create");
        review.Object()["spec"]!["tolerations"]!.AsArray().Add(new System.Text.Json.Nodes.JsonObject { ["operator"] = "Exists" });
        (await client.PostAsync("/validate", review)).Body!["response"]!["allowed"]!.GetValue<bool>().ShouldBeFalse();

        File.WriteAllText(path, "apiVersion: netguard.io/v1alpha1\nkind: NetguardConfig\nrules:\n  control-plane-toleration: warn\n");
        await Eventually.TrueAsync(async () => (await client.PostAsync("/validate", review)).Body!["response"]!["allowed"]!.GetValue<bool>(), "warn instead of deny");

        File.WriteAllText(path, "apiVersion: netguard.io/v1alpha1\nkind: NetguardConfig\nrules:\n  control-plane-toleration: maybe\n");
        await Eventually.TrueAsync(() => Task.FromResult(_logs.Entries.Any(e => e.Level == LogLevel.Error)), "rejection logged");
        var rejected = _logs.Entries.Single(e => e.Level == LogLevel.Error).Message;
        rejected.ShouldStartWith($"Config {path} rejected, keeping the last good config: line 4: rules.control-plane-toleration: ");
        rejected.ShouldNotContain('\n');
        var (_, body, _) = await client.PostAsync("/validate", review);
        body!["response"]!["allowed"]!.GetValue<bool>().ShouldBeTrue(); // still the last good config (warn)
        body["response"]!["warnings"]!.AsArray().Single()!.GetValue<string>().ShouldStartWith("[control-plane-toleration] ");
    }

    [Fact]
    public async Task Start_InvalidConfig_StartupExceptionListsEveryProblem()
    {
        var path = _dir.Write("config.yaml", "a: b\nc\n");

        var error = await Should.ThrowAsync<Netguard.Webhook.Hosting.StartupException>(() => StartAsync(path));

        error.Message.ShouldBe($"config {path} is invalid: line 1: \"a: b\" is not \"rule: action\"; line 2: \"c\" is not \"rule: action\"");
    }

    private Task<WebhookTestServer> StartAsync(string configPath, TimeSpan? interval = null) =>
        WebhookTestServer.StartAsync(
            options: o => o with { ConfigFile = configPath, FileCheckInterval = interval ?? o.FileCheckInterval },
            services: s =>
            {
                s.AddSingleton<ConfigParser>(LineConfigParser.Parse);
                s.AddSingleton<ILoggerProvider>(_logs);
            });
}
