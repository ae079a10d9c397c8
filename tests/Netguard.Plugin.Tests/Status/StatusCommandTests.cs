using System.Text;
using System.Text.Json.Nodes;
using Netguard.Core.Kube.Resources;
using Netguard.Plugin.Commands.Install;
using Netguard.Plugin.Commands.Status;
using Netguard.Plugin.Tests.Tc;
using Netguard.Testing;
using Netguard.Testing.Certificates;
using Netguard.Testing.FakeApiServer;

namespace Netguard.Plugin.Tests.Status;

/// <summary><c>status</c> against a fake API server holding what <c>install</c> printed, then broken in one way at a time.</summary>
public sealed class StatusCommandTests : IAsyncLifetime, IDisposable
{
    private static readonly DateTimeOffset Now = AgentStatusFixtures.Now;
    private readonly TestDirectory _dir = new("netguard-status");
    private readonly ManualTimeProvider _time = new(Now);
    private FakeKubeApiServer _server = null!;
    private string _kubeconfig = null!;

    public async Task InitializeAsync()
    {
        _server = await FakeKubeApiServer.StartAsync();
        _kubeconfig = _dir.Write("config", FakeKubeconfig.Yaml(_server));
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Status_FreshInstallAllReady_HealthyExit0()
    {
        await InstallationFixture.ApplyAsync(_server, _time);
        InstallationFixture.AddHealthyNodes(_server, Now);

        var result = await Status();

        result.ExitCode.ShouldBe(0);
        Golden.ShouldMatch(result.Stdout, "healthy.txt");
        result.Stderr.ShouldBe("netguard in namespace netguard-system is healthy\n");
    }

    [Fact]
    public async Task Status_Json_ComponentsWithDetails()
    {
        await InstallationFixture.ApplyAsync(_server, _time);
        InstallationFixture.AddHealthyNodes(_server, Now);

        var result = await Status("-o", "json");

        result.ExitCode.ShouldBe(0);
        var json = JsonNode.Parse(result.Stdout)!;
        json["namespace"]!.GetValue<string>().ShouldBe("netguard-system");
        json["healthy"]!.GetValue<bool>().ShouldBeTrue();
        var components = json["components"]!.AsArray().ToDictionary(c => c!["component"]!.GetValue<string>(), c => c!);
        components.Keys.ShouldBe(["deployment/netguard-webhook", "mutatingwebhookconfiguration/netguard-webhook", "validatingwebhookconfiguration/netguard-webhook", "certificate", "daemonset/netguard-agent", "node/cp-1", "node/w-1"]);
        components.Values.ShouldAllBe(c => c["status"]!.GetValue<string>() == "ok");
        components["deployment/netguard-webhook"]["readyReplicas"]!.GetValue<int>().ShouldBe(2);
        var validating = components["validatingwebhookconfiguration/netguard-webhook"]["webhooks"]!.AsArray();
        validating.Select(w => w!["name"]!.GetValue<string>()).ShouldBe(["validate.netguard.io", "validate-nodes.netguard.io"]);
        validating[0]!["failurePolicy"]!.GetValue<string>().ShouldBe("Fail");
        validating[0]!["caBundle"]!.GetValue<bool>().ShouldBeTrue();
        validating[0]!["service"]!["path"]!.GetValue<string>().ShouldBe("/validate");
        validating[0]!["service"]!["found"]!.GetValue<bool>().ShouldBeTrue();
        var certificate = components["certificate"];
        certificate["source"]!.GetValue<string>().ShouldBe("secret/netguard-webhook-tls");
        certificate["notAfter"]!.GetValue<string>().ShouldBe("2027-03-01T12:00:00Z");
        certificate["daysLeft"]!.GetValue<int>().ShouldBe(365);
        certificate["trustedByCaBundle"]!.GetValue<bool>().ShouldBeTrue();
        certificate["dnsNames"]!.AsArray().Select(n => n!.GetValue<string>()).ShouldContain("netguard-webhook.netguard-system.svc");
        components["node/cp-1"]["agent"]!.GetValue<string>().ShouldBe("ok");
        components["node/cp-1"]["lastReconcile"]!.GetValue<string>().ShouldBe("2026-03-01T11:59:15Z");
    }

    [Fact]
    public async Task Status_NothingInstalled_EveryPartUnhealthyExit1()
    {
        _server.Upsert(KubeResource.Nodes, AgentStatusFixtures.Node("w-2", null));

        var result = await Status();

        result.ExitCode.ShouldBe(1);
        Golden.ShouldMatch(result.Stdout, "nothing-installed.txt");
        result.Stderr.ShouldBe("netguard in namespace netguard-system is not healthy: 6 unhealthy\n");
    }

    [Fact]
    public async Task Status_CertificateExpiresIn10Days_WarningExit0()
    {
        await InstallationFixture.ApplyAsync(_server, _time);
        _time.Advance(TimeSpan.FromDays(355));
        InstallationFixture.AddHealthyNodes(_server, _time.GetUtcNow());

        var result = await Status("-o", "json");

        result.ExitCode.ShouldBe(0);
        var certificate = Component(result, "certificate");
        certificate["status"]!.GetValue<string>().ShouldBe("warning");
        certificate["message"]!.GetValue<string>().ShouldBe("serving certificate for netguard-webhook.netguard-system.svc, signed by the caBundle's CA, expires 2027-03-01 (in 10d), renew it");
        result.Stderr.ShouldBe("netguard in namespace netguard-system is healthy with warnings: 1 warning\n");
    }

    [Fact]
    public async Task Status_CertificateExpired_Exit1()
    {
        await InstallationFixture.ApplyAsync(_server, _time);
        _time.Advance(TimeSpan.FromDays(366));
        InstallationFixture.AddHealthyNodes(_server, _time.GetUtcNow());

        var result = await Status();

        result.ExitCode.ShouldBe(1);
        result.Stdout.ShouldContain("certificate                                       unhealthy   serving certificate for netguard-webhook.netguard-system.svc, signed by the caBundle's CA, expired on 2027-03-01\n");
    }

    [Fact]
    public async Task Status_ValidatingCaBundleFromAnotherCa_Exit1NamesTheWebhooks()
    {
        var objects = await InstallationFixture.ApplyAsync(_server, _time);
        InstallationFixture.AddHealthyNodes(_server, Now);
        using var other = new TestPki(TestKeyAlgorithm.EcdsaP256);
        var validating = objects.Single(o => o["kind"]!.GetValue<string>() == "ValidatingWebhookConfiguration");
        foreach (var webhook in validating["webhooks"]!.AsArray())
        {
            webhook!["clientConfig"]!["caBundle"] = Convert.ToBase64String(Encoding.ASCII.GetBytes(other.Authority.CertificatePem));
        }

        _server.Upsert(KubeResource.ValidatingWebhookConfigurations, validating);

        var result = await Status("-o", "json");

        result.ExitCode.ShouldBe(1);
        var certificate = Component(result, "certificate");
        certificate["status"]!.GetValue<string>().ShouldBe("unhealthy");
        certificate["trustedByCaBundle"]!.GetValue<bool>().ShouldBeFalse();
        certificate["message"]!.GetValue<string>().ShouldEndWith("; it is not signed by the caBundle of validate.netguard.io, validate-nodes.netguard.io: the API server refuses to call them");
    }

    [Fact]
    public async Task Status_MissingCaBundle_ConfigurationUnhealthy()
    {
        var objects = await InstallationFixture.ApplyAsync(_server, _time);
        InstallationFixture.AddHealthyNodes(_server, Now);
        var mutating = objects.Single(o => o["kind"]!.GetValue<string>() == "MutatingWebhookConfiguration");
        mutating["webhooks"]![1]!["clientConfig"]!.AsObject().Remove("caBundle");
        _server.Upsert(KubeResource.MutatingWebhookConfigurations, mutating);

        var result = await Status("-o", "json");

        result.ExitCode.ShouldBe(1);
        Component(result, "mutatingwebhookconfiguration/netguard-webhook")["message"]!.GetValue<string>().ShouldBe("mutate-nodes.netguard.io has no usable caBundle");
    }

    [Fact]
    public async Task Status_SecretForbidden_JudgesTheCaBundleInsteadExit0()
    {
        await InstallationFixture.ApplyAsync(_server, _time);
        InstallationFixture.AddHealthyNodes(_server, Now);
        _server.Fail("/api/v1/namespaces/netguard-system/secrets", 403, "Forbidden", "secrets \"netguard-webhook-tls\" is forbidden: User \"dev\" cannot get resource \"secrets\"");

        var result = await Status("-o", "json");

        result.ExitCode.ShouldBe(0);
        var certificate = Component(result, "certificate");
        certificate["status"]!.GetValue<string>().ShouldBe("ok");
        certificate["source"]!.GetValue<string>().ShouldBe("caBundle");
        // 3650 days after 2026-03-01 (leap days 2028-02-29 and 2032-02-29 fall in between).
        certificate["message"]!.GetValue<string>().ShouldBe("CA certificate (caBundle) expires 2036-02-27 (in 10y); secret netguard-webhook-tls is not readable (forbidden), so the caBundle's CA was checked instead");
    }

    [Fact]
    public async Task Status_SecretDeleted_Unhealthy()
    {
        await InstallationFixture.ApplyAsync(_server, _time);
        InstallationFixture.AddHealthyNodes(_server, Now);
        _server.Remove(InstallationFixture.Resource("Secret"), "netguard-system", "netguard-webhook-tls");

        var result = await Status("-o", "json");

        result.ExitCode.ShouldBe(1);
        Component(result, "certificate")["message"]!.GetValue<string>().ShouldBe("CA certificate (caBundle) expires 2036-02-27 (in 10y); secret netguard-webhook-tls not found: the webhook cannot serve TLS");
    }

    [Fact]
    public async Task Status_ServingCertificateForAnotherName_Unhealthy()
    {
        await InstallationFixture.ApplyAsync(_server, _time, "-n", "other");
        InstallationFixture.AddHealthyNodes(_server, Now);
        // The Secret of a namespace-"other" install copied into netguard-system: its names are wrong there.
        var secret = _server.Get(InstallationFixture.Resource("Secret"), "other", "netguard-webhook-tls")!.DeepClone().AsObject();
        secret["metadata"]!["namespace"] = "netguard-system";
        _server.Upsert(InstallationFixture.Resource("Secret"), secret);
        await InstallationFixture.ApplyAsync(_server, _time); // the cluster-scoped webhook configurations now point at netguard-system
        _server.Upsert(InstallationFixture.Resource("Secret"), secret);

        var result = await Status("-o", "json");

        result.ExitCode.ShouldBe(1);
        Component(result, "certificate")["message"]!.GetValue<string>().ShouldBe(
            "serving certificate expires 2027-03-01 (in 365d); it does not name netguard-webhook.netguard-system.svc, the name the API server verifies; it is not signed by the caBundle of mutate.netguard.io, mutate-nodes.netguard.io, validate.netguard.io, validate-nodes.netguard.io: the API server refuses to call them");
    }

    [Fact]
    public async Task Status_ServiceMissing_ConfigurationsUnhealthy()
    {
        await InstallationFixture.ApplyAsync(_server, _time);
        InstallationFixture.AddHealthyNodes(_server, Now);
        _server.Remove(KubeResource.Services, "netguard-system", "netguard-webhook");

        var result = await Status("-o", "json");

        result.ExitCode.ShouldBe(1);
        Component(result, "validatingwebhookconfiguration/netguard-webhook")["message"]!.GetValue<string>().ShouldBe(
            "validate.netguard.io points to service netguard-system/netguard-webhook, which does not exist; validate-nodes.netguard.io points to service netguard-system/netguard-webhook, which does not exist");
    }

    [Fact]
    public async Task Status_OneOfTwoReplicasReady_WarningExit0()
    {
        var objects = await InstallationFixture.ApplyAsync(_server, _time);
        InstallationFixture.AddHealthyNodes(_server, Now);
        var deployment = objects.Single(o => o["kind"]!.GetValue<string>() == "Deployment");
        deployment["status"] = new JsonObject { ["replicas"] = 2, ["readyReplicas"] = 1, ["updatedReplicas"] = 1 };
        _server.Upsert(KubeResource.Deployments, deployment);

        var result = await Status();

        result.ExitCode.ShouldBe(0);
        result.Stdout.ShouldContain("deployment/netguard-webhook                       warning   1/2 replicas ready, rollout in progress (1/2 updated)\n");
    }

    [Fact]
    public async Task Status_NoReplicaReady_Unhealthy()
    {
        var objects = await InstallationFixture.ApplyAsync(_server, _time);
        InstallationFixture.AddHealthyNodes(_server, Now);
        var deployment = objects.Single(o => o["kind"]!.GetValue<string>() == "Deployment");
        deployment["status"] = new JsonObject { ["replicas"] = 2, ["updatedReplicas"] = 2 };
        _server.Upsert(KubeResource.Deployments, deployment);

        var result = await Status("-o", "json");

        result.ExitCode.ShouldBe(1);
        Component(result, "deployment/netguard-webhook")["message"]!.GetValue<string>().ShouldBe("0/2 replicas ready: no webhook is serving (the validating webhook fails closed)");
    }

    [Fact]
    public async Task Status_AgentsStaleMissingBroken_EachNodeUnhealthy()
    {
        await InstallationFixture.ApplyAsync(_server, _time);
        AgentStatusFixtures.AddNodes(_server);

        var result = await Status("-o", "json");

        result.ExitCode.ShouldBe(1);
        var json = JsonNode.Parse(result.Stdout)!["components"]!.AsArray();
        json.Where(c => c!["component"]!.GetValue<string>().StartsWith("node/", StringComparison.Ordinal))
            .Select(c => $"{c!["component"]}={c["status"]}/{c["agent"]}")
            .ShouldBe(["node/cp-1=ok/ok", "node/w-1=unhealthy/stale", "node/w-2=unhealthy/missing", "node/w-3=unhealthy/error", "node/w-4=unhealthy/error"]);
        Component(result, "node/w-1")["message"]!.GetValue<string>().ShouldBe("agent stale: no status for 120m (stale after 15m): is the agent running?");
    }

    [Fact]
    public async Task Status_NodesForbidden_Exit3RowSaysWhy()
    {
        await InstallationFixture.ApplyAsync(_server, _time);
        _server.Fail("/api/v1/nodes", 403, "Forbidden", "nodes is forbidden: User \"dev\" cannot list resource \"nodes\"");

        var result = await Status();

        result.ExitCode.ShouldBe(3);
        result.Stdout.ShouldContain("nodes                                             error    nodes is forbidden: User \"dev\" cannot list resource \"nodes\"\n");
        result.Stderr.ShouldBe("netguard in namespace netguard-system is not healthy: 1 could not be read\n");
    }

    [Fact]
    public async Task Status_NamespaceFlag_ReadsThatInstallation()
    {
        await InstallationFixture.ApplyAsync(_server, _time, "-n", "team-net");
        InstallationFixture.AddHealthyNodes(_server, Now);

        var there = await Status("-n", "team-net");
        var defaultNamespace = await Status("-o", "json");

        there.ExitCode.ShouldBe(0, there.Stdout);
        there.Stderr.ShouldBe("netguard in namespace team-net is healthy\n");
        defaultNamespace.ExitCode.ShouldBe(1);
        Component(defaultNamespace, "deployment/netguard-webhook")["message"]!.GetValue<string>().ShouldStartWith("not found in namespace netguard-system");
    }

    [Fact]
    public async Task Status_Unreachable_Exit3OneLine()
    {
        int port;
        using (var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        }

        var result = await CliRunner.RunAsync(["status", "-s", $"https://127.0.0.1:{port}", "--insecure-skip-tls-verify"], time: _time);

        result.ExitCode.ShouldBe(3, result.Stderr);
        result.Stdout.ShouldBeEmpty();
        result.Stderr.ShouldStartWith("error: connection refused to https://127.0.0.1:");
        result.Stderr.TrimEnd('\n').ShouldNotContain("\n");
    }

    [Fact]
    public void InstalledNames_MatchTheEmbeddedManifests()
    {
        var manifests = EmbeddedManifests.Load();
        string Name(string kind) => manifests.Single(m => m.Kind == kind).Name;

        InstallManifestBuilder.SourceNamespace(manifests).ShouldBe(InstalledNames.DefaultNamespace);
        Name("Deployment").ShouldBe(InstalledNames.WebhookDeployment);
        Name("Service").ShouldBe(InstalledNames.WebhookService);
        Name("MutatingWebhookConfiguration").ShouldBe(InstalledNames.MutatingWebhookConfiguration);
        Name("ValidatingWebhookConfiguration").ShouldBe(InstalledNames.ValidatingWebhookConfiguration);
        Name("DaemonSet").ShouldBe(InstalledNames.AgentDaemonSet);
        manifests.Where(m => m.Kind == "ConfigMap").Select(m => m.Name).ShouldContain(InstalledNames.ConfigMap);
        manifests.Single(m => m.Kind == "Deployment").Object["spec"]!["template"]!["spec"]!["volumes"]!.AsArray()
            .Select(v => v!["secret"]?["secretName"]?.GetValue<string>()).ShouldContain(InstalledNames.TlsSecret);
    }

    private static JsonNode Component(CliResult result, string name) =>
        JsonNode.Parse(result.Stdout)!["components"]!.AsArray().Single(c => c!["component"]!.GetValue<string>() == name)!;

    private Task<CliResult> Status(params string[] args) => CliRunner.RunAsync(["status", "--kubeconfig", _kubeconfig, .. args], time: _time);
}
