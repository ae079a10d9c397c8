using System.Text.Json.Nodes;

namespace Netguard.Plugin.Tests.Policy;

/// <summary>
/// policy reach|matrix|explain offline on testdata/cluster: namespaces a {team=frontend}, b {team=backend},
/// kube-system; pods a/x (web, http=8080, dual-stack), a/z (batch), b/y (DNS cache), b/db (postgres, pg=5432),
/// kube-system/coredns-1; a is default-deny both ways, a/x may reach DNS and b/db:pg, b/db accepts only
/// frontend web pods on 5432. Golden outputs were checked cell by cell against those policies.
/// </summary>
public class PolicyCommandTests
{
    private const string Cluster = "testdata/cluster";

    [Fact]
    public async Task Reach_AllowedJson_PrintsSpecShapeAndExitsZero()
    {
        var result = await PolicyCli.RunAsync(["policy", "reach", "-f", Cluster, "--from", "a/x", "--to", "b/y", "--port", "53/UDP", "-o", "json"]);

        result.ExitCode.ShouldBe(0);
        result.Stderr.ShouldBeEmpty();
        var json = JsonNode.Parse(result.Stdout)!;
        json["from"]!.GetValue<string>().ShouldBe("a/x");
        json["to"]!.GetValue<string>().ShouldBe("b/y");
        json["port"]!.GetValue<int>().ShouldBe(53);
        json["protocol"]!.GetValue<string>().ShouldBe("UDP");
        json["allowed"]!.GetValue<bool>().ShouldBeTrue();
        json["egress"]!["allowed"]!.GetValue<bool>().ShouldBeTrue();
        json["egress"]!["policies"]!.AsArray().Select(p => p!.GetValue<string>()).ShouldBe(["a/default-deny", "a/web-egress"]);
        json["ingress"]!["allowed"]!.GetValue<bool>().ShouldBeTrue();
        json["ingress"]!["policies"]!.AsArray().ShouldBeEmpty();
        Golden.ShouldMatch(result.Stdout, "reach-allowed.json");
    }

    [Fact]
    public async Task Reach_DeniedBothSides_TableAndExitOne()
    {
        var result = await PolicyCli.RunAsync(["policy", "reach", "-f", Cluster, "--from", "a/z", "--to", "b/db", "--port", "5432"]);

        result.ExitCode.ShouldBe(1);
        Golden.ShouldMatch(result.Stdout, "reach-denied.txt");
    }

    [Fact]
    public async Task Reach_NamedPortAndIpSource_ResolvesBoth()
    {
        // 10.0.1.10 is a/x; "pg" is b/db's 5432/TCP; b/db admits frontend web pods on 5432.
        var result = await PolicyCli.RunAsync(["policy", "reach", "-f", Cluster, "--from", "10.0.1.10", "--to", "b/db", "--port", "pg"]);

        result.ExitCode.ShouldBe(0);
        Golden.ShouldMatch(result.Stdout, "reach-named-port.txt");
    }

    [Fact]
    public async Task Reach_ToExternalAddress_OnlyEgressDecides()
    {
        var result = await PolicyCli.RunAsync(["policy", "reach", "-f", Cluster, "-n", "a", "--from", "x", "--to", "8.8.8.8", "--port", "53/udp", "-o", "json"]);

        result.ExitCode.ShouldBe(1);
        var json = JsonNode.Parse(result.Stdout)!;
        json["egress"]!["allowed"]!.GetValue<bool>().ShouldBeFalse();
        json["ingress"]!["reason"]!.GetValue<string>().ShouldBe("not-a-pod");
    }

    [Fact]
    public async Task Reach_Stdin_ReadsManifests()
    {
        var text = string.Join("\n---\n", Directory.GetFiles(Path.Combine(PolicyCli.Directory(), Cluster), "*.yaml").Order(StringComparer.Ordinal).Select(File.ReadAllText));

        var result = await PolicyCli.RunAsync(["policy", "reach", "-f", "-", "--from", "a/x", "--to", "b/y", "--port", "53/UDP", "-o", "json"], stdin: text);

        result.ExitCode.ShouldBe(0);
        result.Stdout.ShouldBe(Golden.Read("reach-allowed.json"));
    }

    private const string Workloads = """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web, namespace: shop}
        spec:
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
            spec: {containers: [{name: web, image: nginx}]}
        ---
        apiVersion: apps/v1
        kind: StatefulSet
        metadata: {name: db, namespace: shop}
        spec:
          selector: {matchLabels: {app: db}}
          template:
            metadata: {labels: {app: db}}
            spec: {containers: [{name: pg, image: postgres, ports: [{name: pg, containerPort: 5432}]}]}
        ---
        apiVersion: batch/v1
        kind: CronJob
        metadata: {name: report, namespace: shop}
        spec:
          schedule: "0 3 * * *"
          jobTemplate:
            spec:
              template:
                metadata: {labels: {app: report}}
                spec: {containers: [{name: r, image: busybox}], restartPolicy: Never}
        ---
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: db-from-web, namespace: shop}
        spec:
          podSelector: {matchLabels: {app: db}}
          ingress:
          - from: [{podSelector: {matchLabels: {app: web}}}]
            ports: [{port: pg}]
        """;

    [Theory]
    [InlineData("shop/web", 0)] // the policy admits app=web on the template's named port pg (5432)
    [InlineData("shop/report", 1)] // the CronJob's pods are app=report: not admitted
    [InlineData("shop/db", 1)] // one db pod to another: app=db is not admitted either
    public async Task Reach_WorkloadsOffline_TheirPodTemplatesAreTheEndpoints(string from, int exitCode)
    {
        var result = await PolicyCli.RunAsync(["policy", "reach", "-f", "-", "--from", from, "--to", "shop/db", "--port", "5432", "-o", "json"], stdin: Workloads);

        result.Stderr.ShouldBeEmpty();
        result.ExitCode.ShouldBe(exitCode);
        var json = JsonNode.Parse(result.Stdout)!;
        json["ingress"]!["allowed"]!.GetValue<bool>().ShouldBe(exitCode == 0);
        json["ingress"]!["policies"]!.AsArray().Select(p => p!.GetValue<string>()).ShouldBe(["shop/db-from-web"]);
    }

    [Fact]
    public async Task Matrix_WorkloadsOffline_OneRowPerWorkload()
    {
        var result = await PolicyCli.RunAsync(["policy", "matrix", "-f", "-", "--port", "5432", "-o", "json"], stdin: Workloads);

        // Only db is isolated (ingress from app=web on pg); its diagonal is one db pod to another, which the
        // policy does not admit (a workload's cell is not a pod talking to itself).
        result.ExitCode.ShouldBe(0);
        var json = JsonNode.Parse(result.Stdout)!;
        json["pods"]!.AsArray().Select(p => p!.GetValue<string>()).ShouldBe(["shop/db", "shop/report", "shop/web"]);
        json["allowed"]!.ToJsonString().ShouldBe("[[false,true,true],[false,true,true],[true,true,true]]");
    }

    [Fact]
    public async Task Matrix_DefaultPort_TruthTable()
    {
        var result = await PolicyCli.RunAsync(["policy", "matrix", "-f", Cluster]);

        result.ExitCode.ShouldBe(0);
        Golden.ShouldMatch(result.Stdout, "matrix.txt");
    }

    [Fact]
    public async Task Matrix_NamedPort_MarksDestinationsWithoutIt()
    {
        var result = await PolicyCli.RunAsync(["policy", "matrix", "-f", Cluster, "--port", "http"]);

        result.ExitCode.ShouldBe(0);
        Golden.ShouldMatch(result.Stdout, "matrix-http.txt");
    }

    [Fact]
    public async Task Matrix_NamespaceJson_OnlyThatNamespace()
    {
        var result = await PolicyCli.RunAsync(["policy", "matrix", "-f", Cluster, "-n", "b", "--port", "5432", "-o", "json"]);

        result.ExitCode.ShouldBe(0);
        Golden.ShouldMatch(result.Stdout, "matrix-b.json");
    }

    [Fact]
    public async Task Explain_Table_ListsPoliciesAndRulesPerPod()
    {
        var result = await PolicyCli.RunAsync(["policy", "explain", "-f", Cluster]);

        result.ExitCode.ShouldBe(0);
        Golden.ShouldMatch(result.Stdout, "explain.txt");
    }

    [Fact]
    public async Task Explain_Json_MatchesGolden()
    {
        var result = await PolicyCli.RunAsync(["policy", "explain", "-f", Cluster, "-n", "a", "-o", "json"]);

        result.ExitCode.ShouldBe(0);
        Golden.ShouldMatch(result.Stdout, "explain-a.json");
    }

    [Theory]
    [InlineData("--from a/nope --to b/y --port 80", "error: --from: pod \"nope\" not found in namespace \"a\" (it has x, z)")]
    [InlineData("--from nope/x --to b/y --port 80", "error: --from: namespace \"nope\" not found")]
    [InlineData("--from a/x --to nope/y --port 80", "error: --to: namespace \"nope\" not found")]
    [InlineData("--from x --to b/y --port 80", "error: --from: namespace \"default\" not found (give NAMESPACE/POD, or -n)")]
    [InlineData("--from a/x --to 10.0.0.300 --port 80", "error: --to: \"10.0.0.300\" is not a valid IP address")]
    [InlineData("--from a/x/y --to b/y --port 80", "error: --from: \"a/x/y\" is neither NAMESPACE/POD nor an IP address")]
    [InlineData("--from a/x --to b/y --port 80/ICMP", "error: --port: unknown protocol \"ICMP\" in port \"80/ICMP\" (want TCP, UDP or SCTP)")]
    [InlineData("--from a/x --to b/y --port 70000", "error: --port: port 70000 is out of range 1-65535")]
    [InlineData("--from a/x --to b/db --port http", "error: --port: pod b/db has no container port named \"http\" (it has pg=5432/TCP)")]
    [InlineData("--from a/x --to 8.8.8.8 --port http", "error: --port: port name \"http\" needs a pod as destination, not the address 8.8.8.8")]
    public async Task Reach_BadArgument_ExitsTwoWithOneLine(string args, string expected)
    {
        var result = await PolicyCli.RunAsync(["policy", "reach", "-f", Cluster, .. args.Split(' ')]);

        result.ExitCode.ShouldBe(2);
        result.Stdout.ShouldBeEmpty();
        result.Stderr.ShouldBe(expected + "\n");
    }

    [Theory]
    [InlineData("malformed.yaml", "error: testdata/bad/malformed.yaml:6: while parsing a flow sequence, did not find expected ',' or ']'")]
    [InlineData("invalid-cidr.yaml", "error: testdata/bad/invalid-cidr.yaml:9: NetworkPolicy a/bad-cidr: spec.ingress[0].from[0].ipBlock.cidr: invalid CIDR \"10.0.0/8\": \"10.0.0\" is not an IP address")]
    [InlineData("endport.yaml", "error: testdata/bad/endport.yaml:9: NetworkPolicy a/bad-range: spec.egress[0].ports[0].endPort: 8000 must not be less than port 8080")]
    [InlineData("protocol.yaml", "error: testdata/bad/protocol.yaml:8: NetworkPolicy a/bad-protocol: spec.ingress[0].ports[0].protocol: unsupported protocol \"ICMP\" (want TCP, UDP or SCTP)")]
    public async Task AnyCommand_BadManifest_ExitsTwoNamingFileAndLine(string file, string expected)
    {
        foreach (var command in new[] { new[] { "reach", "--from", "a/x", "--to", "b/y", "--port", "80" }, ["matrix"], ["explain"] })
        {
            var result = await PolicyCli.RunAsync(["policy", .. command, "-f", Cluster, "-f", "testdata/bad/" + file]);

            result.ExitCode.ShouldBe(2, string.Join(' ', command));
            result.Stderr.ShouldBe(expected + "\n");
        }
    }

    [Fact]
    public async Task Matrix_MissingFile_ExitsTwo()
    {
        var result = await PolicyCli.RunAsync(["policy", "matrix", "-f", "testdata/none.yaml"]);

        result.ExitCode.ShouldBe(2);
        result.Stderr.ShouldBe("error: testdata/none.yaml: no such file or directory\n");
    }

    [Fact]
    public async Task Matrix_UnknownNamespace_ExitsTwo()
    {
        var result = await PolicyCli.RunAsync(["policy", "matrix", "-f", Cluster, "-n", "nope"]);

        result.ExitCode.ShouldBe(2);
        result.Stderr.ShouldBe("error: namespace \"nope\" not found\n");
    }

    [Fact]
    public async Task Matrix_NoColorOrTerminal_HasNoEscapes()
    {
        var result = await PolicyCli.RunAsync(["policy", "matrix", "-f", Cluster], env: new Dictionary<string, string> { ["NO_COLOR"] = "1" });

        result.Stdout.ShouldNotContain("\u001b[");
    }
}
