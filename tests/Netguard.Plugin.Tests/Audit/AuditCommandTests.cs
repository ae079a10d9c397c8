using System.Text.Json.Nodes;
using Netguard.Core.Kube.Resources;
using Netguard.Core.Yaml;

namespace Netguard.Plugin.Tests.Audit;

/// <summary>`audit` against the seeded fake API server (testdata/cluster; expected verdicts worked out from SPEC §5 in Golden/).</summary>
public sealed class AuditCommandTests : IAsyncLifetime
{
    private const string DefaultConfigNote = "note: ConfigMap netguard-system/netguard-config not found; using the built-in default config\n";

    private LiveCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await LiveCluster.StartAsync();

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task Audit_AllNamespacesJson_ReportsEveryObjectWithFindings()
    {
        var result = await _cluster.RunAsync(["audit", "-A", "-o", "json"]);

        result.ExitCode.ShouldBe(1);
        Golden.ShouldMatch(result.Stdout, "audit-all.json");
        result.Stderr.ShouldBe(DefaultConfigNote);
    }

    [Fact]
    public async Task Audit_AllNamespacesTable_OneRowPerFindingAndTheSummary()
    {
        var result = await _cluster.RunAsync(["audit", "-A"]);

        result.ExitCode.ShouldBe(1);
        Golden.ShouldMatch(result.Stdout, "audit-all.txt");
    }

    [Fact]
    public async Task Audit_Yaml_IsTheJsonReport()
    {
        var json = await _cluster.RunAsync(["audit", "-A", "-o", "json"]);
        var yaml = await _cluster.RunAsync(["audit", "-A", "-o", "yaml"]);

        yaml.ExitCode.ShouldBe(1);
        Core.JsonPatch.JsonValueEquality.DeepEquals(YamlJsonReader.ReadSingle(yaml.Stdout).Root, JsonNode.Parse(json.Stdout)).ShouldBeTrue();
    }

    [Fact]
    public async Task Audit_Namespace_ReportsItsObjectsAndItsNamespaceButNoNodes()
    {
        var result = await _cluster.RunAsync(["audit", "-n", "payments", "-o", "json"]);

        result.ExitCode.ShouldBe(1);
        var results = JsonNode.Parse(result.Stdout)!["results"]!.AsArray();
        results.Select(r => $"{r!["kind"]} {r["namespace"]}/{r["name"]}").ShouldBe(["Namespace /payments", "Pod payments/legacy-0", "Pod payments/postgres-0"]);

        // Namespace payments + Pods legacy-0, postgres-0 (the finished nightly pod is left out) + StatefulSet + CronJob (its Job is owned);
        // warnings: no default deny, postgres-0 without a class. mutated: the class audit would stamp on postgres-0.
        JsonNode.Parse(result.Stdout)!["summary"]!.ToJsonString().ShouldBe("""{"objects":5,"denied":1,"warnings":2,"mutated":1}""");
    }

    [Fact]
    public async Task Audit_NoNamespaceFlag_UsesTheContextNamespaceAndSaysSo()
    {
        var result = await _cluster.RunAsync(["audit"], ns: "shop");

        result.ExitCode.ShouldBe(1);
        result.Stderr.ShouldBe(DefaultConfigNote + "note: auditing namespace \"shop\"; -A audits the whole cluster, Nodes included\n");
        result.Stdout.ShouldEndWith("9 objects audited in namespace shop: 2 denied, 1 warning\n");
    }

    [Fact]
    public async Task Audit_CleanNamespace_ExitsZero()
    {
        var result = await _cluster.RunAsync(["audit", "-n", "shop", "-o", "json", "--config", WriteConfig("""
            rules:
              control-plane-toleration: warn
              control-plane-pinning: warn
              qos-class-forbidden: off
              netpol-selects-nothing: off
            """)]);

        result.ExitCode.ShouldBe(0);
        var report = JsonNode.Parse(result.Stdout)!;
        report["results"]!.AsArray().Select(r => r!["name"]!.GetValue<string>()).ShouldBe(["node-debugger"]);
        report["summary"]!.ToJsonString().ShouldBe("""{"objects":9,"denied":0,"warnings":2,"mutated":0}""");
        result.Stderr.ShouldStartWith("note: using the config from config.yaml\n");
    }

    [Fact]
    public async Task Audit_UnknownNamespace_ExitsTwo()
    {
        var result = await _cluster.RunAsync(["audit", "-n", "nope"]);

        result.ExitCode.ShouldBe(2);
        result.Stderr.ShouldEndWith("error: namespace \"nope\" not found\n");
    }

    [Fact]
    public async Task Audit_ClusterConfigMap_IsTheConfigItJudgesWith()
    {
        _cluster.Upsert(ConfigMap("""
            rules:
              control-plane-taint: warn
              namespace-default-deny: off
              qos-class: off
            """));

        var result = await _cluster.RunAsync(["audit", "-A", "-o", "json"]);

        result.Stderr.ShouldBe("note: using the config from ConfigMap netguard-system/netguard-config\n");
        var report = JsonNode.Parse(result.Stdout)!;
        var cp2 = report["results"]!.AsArray().First(r => r!["name"]!.GetValue<string>() == "cp-2")!;
        cp2["findings"]![0]!["action"]!.GetValue<string>().ShouldBe("warn");
        report["results"]!.AsArray().ShouldNotContain(r => r!["kind"]!.GetValue<string>() == "Namespace");
        report["results"]!.AsArray().ShouldNotContain(r => r!["name"]!.GetValue<string>() == "coredns-5d78c9869d-x2x7q");

        // Denied: legacy-0, batch-1, node-debugger. Warnings: cp-2, allow-frontend. Patch: cp-2 only.
        report["summary"]!.ToJsonString().ShouldBe("""{"objects":24,"denied":3,"warnings":2,"mutated":1}""");
        result.ExitCode.ShouldBe(1);
    }

    [Fact]
    public async Task Audit_InvalidClusterConfig_ListsEveryProblemAndExitsTwo()
    {
        _cluster.Upsert(ConfigMap("""
            qos:
              defaultClass: gold
            rules:
              no-such-rule: warn
            """));

        var result = await _cluster.RunAsync(["audit", "-A"]);

        result.ExitCode.ShouldBe(2);
        result.Stdout.ShouldBeEmpty();
        var lines = result.Stderr.TrimEnd('\n').Split('\n');
        lines.Length.ShouldBe(3);
        lines[0].ShouldStartWith("error: ConfigMap netguard-system/netguard-config:");
        lines[0].ShouldContain("qos.defaultClass");
        lines[1].ShouldContain("no-such-rule");
        lines[2].ShouldBe("error: ConfigMap netguard-system/netguard-config is not a valid NetguardConfig (2 problems)");
    }

    [Fact]
    public async Task Audit_ApiError_ExitsThreeWithOneLine()
    {
        _cluster.Server.Fail("/api/v1/pods", 500, "InternalError", "etcdserver: request timed out");

        var result = await _cluster.RunAsync(["audit", "-A", "-o", "json"]);

        result.ExitCode.ShouldBe(3);
        result.Stdout.ShouldBeEmpty();
        result.Stderr.ShouldBe(DefaultConfigNote + "error: etcdserver: request timed out\n");
    }

    [Fact]
    public async Task Audit_ConfigMapForbidden_ExitsThreeAndPointsToConfigFlag()
    {
        _cluster.Server.Fail("/api/v1/namespaces/netguard-system/configmaps/netguard-config", 403, "Forbidden",
            "configmaps \"netguard-config\" is forbidden: User \"dev\" cannot get resource \"configmaps\" in API group \"\" in the namespace \"netguard-system\"");

        var result = await _cluster.RunAsync(["audit", "-A"]);

        result.ExitCode.ShouldBe(3);
        result.Stderr.ShouldBe("error: configmaps \"netguard-config\" is forbidden: User \"dev\" cannot get resource \"configmaps\" in API group \"\" in the namespace \"netguard-system\" (pass --config FILE to use a local config)\n");
    }

    [Fact]
    public async Task Audit_NodesForbidden_WarnsAndAuditsTheRest()
    {
        _cluster.Server.Fail("/api/v1/nodes", 403, "Forbidden", "nodes is forbidden: User \"dev\" cannot list resource \"nodes\" in API group \"\" at the cluster scope");

        var result = await _cluster.RunAsync(["audit", "-A", "-o", "json"]);

        result.Stderr.ShouldBe(DefaultConfigNote + "warning: cannot list nodes (forbidden): Nodes are not audited and control-plane-pinning judges pods without them\n");
        var results = JsonNode.Parse(result.Stdout)!["results"]!.AsArray();
        results.ShouldNotContain(r => r!["kind"]!.GetValue<string>() == "Node");

        // Without nodes, spec.nodeName: cp-2 says nothing; the toleration still denies node-debugger.
        var debugger = results.First(r => r!["name"]!.GetValue<string>() == "node-debugger")!;
        debugger["findings"]!.AsArray().Select(f => f!["rule"]!.GetValue<string>()).ShouldBe(["control-plane-toleration"]);
        result.ExitCode.ShouldBe(1);
    }

    [Fact]
    public async Task Audit_InstalledWebhookSkipsANamespace_ItsPodsWithoutClassAreNoFinding()
    {
        // The installed configuration admits only namespaces labelled for it; payments is not.
        _cluster.Upsert(JsonNode.Parse("""
            {"apiVersion":"admissionregistration.k8s.io/v1","kind":"MutatingWebhookConfiguration","metadata":{"name":"netguard-webhook"},
             "webhooks":[{"name":"pods.netguard.io","rules":[{"apiGroups":[""],"apiVersions":["v1"],"operations":["CREATE","UPDATE"],"resources":["pods"]}],
                          "namespaceSelector":{"matchExpressions":[{"key":"kubernetes.io/metadata.name","operator":"In","values":["shop","kube-system"]}]}}]}
            """)!.AsObject());

        var result = await _cluster.RunAsync(["audit", "-A", "-o", "json"]);

        QosClassFindings(result.Stdout).ShouldBe(["kube-system/coredns-5d78c9869d-x2x7q", "kube-system/etcd-cp-1"]);
    }

    [Fact]
    public async Task Audit_WebhookConfigurationForbidden_WarnsAndUsesTheShippedNamespaces()
    {
        _cluster.Server.Fail("/apis/admissionregistration.k8s.io/v1/mutatingwebhookconfigurations/netguard-webhook", 403, "Forbidden",
            "mutatingwebhookconfigurations.admissionregistration.k8s.io \"netguard-webhook\" is forbidden");

        var result = await _cluster.RunAsync(["audit", "-A", "-o", "json"]);

        result.Stderr.ShouldBe(DefaultConfigNote
            + "warning: cannot get mutatingwebhookconfiguration/netguard-webhook (forbidden): pods are expected to carry a QoS class in all but kube-system and netguard-system\n");
        QosClassFindings(result.Stdout).ShouldBe(["payments/postgres-0"]);
    }

    private static IEnumerable<string> QosClassFindings(string json) =>
        JsonNode.Parse(json)!["results"]!.AsArray()
            .Where(r => r!["findings"]!.AsArray().Any(f => f!["rule"]!.GetValue<string>() == "qos-class"))
            .Select(r => $"{r!["namespace"]}/{r["name"]}");

    [Fact]
    public async Task Audit_PolicyReport_OneReportPerNamespaceAndOneForTheCluster()
    {
        var result = await _cluster.RunAsync(["audit", "-A", "-o", "policyreport"]);

        result.ExitCode.ShouldBe(1);
        Golden.ShouldMatch(result.Stdout, "audit-all.policyreport.yaml");
        var reports = YamlJsonReader.ReadDocuments(result.Stdout).Select(d => d.Root!.AsObject()).ToList();
        reports.Select(r => $"{r["kind"]} {r["metadata"]!["namespace"]}/{r["metadata"]!["name"]}").ShouldBe(
        [
            "ClusterPolicyReport /netguard",
            "PolicyReport kube-system/netguard",
            "PolicyReport monitoring/netguard",
            "PolicyReport payments/netguard",
            "PolicyReport shop/netguard",
        ]);
        foreach (var report in reports)
        {
            report["apiVersion"]!.GetValue<string>().ShouldBe("wgpolicyk8s.io/v1alpha2");
            var results = report["results"]!.AsArray();
            var summary = report["summary"]!;
            foreach (var outcome in new[] { "pass", "fail", "warn", "error", "skip" })
            {
                summary[outcome]!.GetValue<long>().ShouldBe(results.Count(r => r!["result"]!.GetValue<string>() == outcome), $"{outcome} in {report["metadata"]}");
            }

            results.ShouldAllBe(r => r!["policy"]!.GetValue<string>() == "netguard" && r["source"]!.GetValue<string>() == "kubectl-netguard"
                && r["timestamp"]!["seconds"]!.GetValue<long>() == LiveCluster.Now.ToUnixTimeSeconds());
        }

        // Every finding of the JSON report is a fail (deny) or warn result naming its object.
        var json = JsonNode.Parse((await _cluster.RunAsync(["audit", "-A", "-o", "json"])).Stdout)!;
        var findings = json["results"]!.AsArray().SelectMany(r => r!["findings"]!.AsArray().Select(f =>
            $"{r["kind"]} {r["namespace"]}/{r["name"]} {f!["rule"]} {(f["action"]!.GetValue<string>() == "deny" ? "fail" : "warn")}"));
        var failsAndWarns = reports.SelectMany(r => r["results"]!.AsArray())
            .Where(r => r!["result"]!.GetValue<string>() is "fail" or "warn")
            .Select(r => $"{r!["resources"]![0]!["kind"]} {r["resources"]![0]!["namespace"]}/{r["resources"]![0]!["name"]} {r["rule"]} {r["result"]}");
        failsAndWarns.ShouldBe(findings, ignoreOrder: true);
    }

    private string WriteConfig(string yaml) => Path.GetFileName(_cluster.WriteFile("config.yaml", yaml));

    private static JsonObject ConfigMap(string configYaml) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "ConfigMap",
        ["metadata"] = new JsonObject { ["name"] = "netguard-config", ["namespace"] = "netguard-system" },
        ["data"] = new JsonObject { ["config.yaml"] = configYaml },
    };
}
