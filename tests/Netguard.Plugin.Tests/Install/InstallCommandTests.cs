using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Netguard.Core.Yaml;
using Netguard.Plugin.Commands.Install;
using Netguard.Testing;
using Netguard.Testing.Certificates;

namespace Netguard.Plugin.Tests.Install;

public sealed class InstallCommandTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly Oid ServerAuth = new("1.3.6.1.5.5.7.3.1");
    private readonly ManualTimeProvider _time = new(Now);
    private readonly TestDirectory _dir = new("netguard-install");

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Install_Default_EveryKindInApplyOrder()
    {
        var result = await Run();

        result.ExitCode.ShouldBe(0);
        new InstallOutput(result.Stdout).Kinds.ShouldBe(
        [
            "Namespace", "ServiceAccount", "ServiceAccount", "Secret", "ConfigMap", "ClusterRole", "ClusterRole",
            "ClusterRoleBinding", "ClusterRoleBinding", "Service", "DaemonSet", "Deployment", "PodDisruptionBudget",
            "MutatingWebhookConfiguration", "ValidatingWebhookConfiguration",
        ]);
        result.Stderr.ShouldBe("15 objects for namespace netguard-system; serving certificate valid until 2027-03-01T12:00:00Z. Apply with: kubectl apply -f -\n");
    }

    [Fact]
    public async Task Install_Default_MatchesGoldenApartFromKeyMaterial()
    {
        var result = await Run();

        Golden.ShouldMatch(InstallOutput.Masked(result.Stdout), "install-default.yaml");
    }

    [Fact]
    public async Task Install_Default_EveryObjectOfEveryManifestFileOnDisk()
    {
        // Each YAML file under manifests/ (but examples/ and the kustomizations) must reach the output unchanged
        // apart from the caBundle: a file missing from a kustomization, or a stale embedded copy, fails here.
        var onDisk = Directory.EnumerateFiles(Path.Combine(RepositoryFiles.Root, "manifests"), "*.yaml", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}examples{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(f => Path.GetFileName(f) != "kustomization.yaml")
            .SelectMany(f => YamlJsonReader.ReadDocuments(File.ReadAllText(f)).Select(d => d.Root).OfType<JsonObject>())
            .ToList();
        var output = new InstallOutput((await Run()).Stdout);

        output.Objects.Count.ShouldBe(onDisk.Count + 1); // + the TLS Secret
        foreach (var expected in onDisk)
        {
            var actual = output.Single(expected["kind"]!.GetValue<string>(), expected["metadata"]!["name"]!.GetValue<string>()).DeepClone().AsObject();
            foreach (var webhook in actual["webhooks"] as JsonArray ?? [])
            {
                webhook!["clientConfig"]!.AsObject().Remove("caBundle");
            }

            JsonNode.DeepEquals(actual, expected).ShouldBeTrue($"{expected["kind"]}/{expected["metadata"]!["name"]} differs from manifests/");
        }
    }

    [Fact]
    public async Task Install_CaBundle_VerifiesTheServingCertificateForEveryWebhook()
    {
        var output = new InstallOutput((await Run()).Stdout);
        using var serving = output.ServingCertificate;

        output.Webhooks.Count().ShouldBe(4);
        foreach (var webhook in output.Webhooks)
        {
            var roots = InstallOutput.Pem(webhook["clientConfig"]!["caBundle"]!.GetValue<string>());
            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.AddRange(roots);
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            chain.ChainPolicy.ApplicationPolicy.Add(ServerAuth);
            chain.ChainPolicy.VerificationTime = Now.UtcDateTime;

            chain.Build(serving).ShouldBeTrue(string.Join(", ", chain.ChainStatus.Select(s => s.StatusInformation)));
            chain.ChainElements.Count.ShouldBe(2);
            chain.ChainElements[1].Certificate.Thumbprint.ShouldBe(roots[0].Thumbprint);
        }

        // The Secret's ca.crt is the same CA, for clients that mount it.
        InstallOutput.Pem(output.Secret["data"]!["ca.crt"]!.GetValue<string>())[0].Thumbprint
            .ShouldBe(InstallOutput.Pem(output.Webhooks.First()["clientConfig"]!["caBundle"]!.GetValue<string>())[0].Thumbprint);
    }

    [Fact]
    public async Task Install_ServingCertificate_KeyMatchesAndSignsAndValidityAsDocumented()
    {
        var output = new InstallOutput((await Run()).Stdout);
        using var serving = output.ServingCertificate;
        using var key = serving.GetECDsaPublicKey()!;
        using var privateKey = serving.GetECDsaPrivateKey()!;
        var data = "admission"u8.ToArray();

        key.VerifyData(data, privateKey.SignData(data, HashAlgorithmName.SHA256), HashAlgorithmName.SHA256).ShouldBeTrue();
        key.KeySize.ShouldBe(256);
        serving.NotBefore.ToUniversalTime().ShouldBe(Now.UtcDateTime.AddHours(-1));
        serving.NotAfter.ToUniversalTime().ShouldBe(Now.UtcDateTime.AddDays(365));
        var ca = InstallOutput.Pem(output.Secret["data"]!["ca.crt"]!.GetValue<string>())[0];
        ca.NotAfter.ToUniversalTime().ShouldBe(Now.UtcDateTime.AddDays(3650));
        ca.Extensions.OfType<X509BasicConstraintsExtension>().Single().CertificateAuthority.ShouldBeTrue();
        serving.Extensions.OfType<X509BasicConstraintsExtension>().Single().CertificateAuthority.ShouldBeFalse();
        serving.Extensions.OfType<X509KeyUsageExtension>().Single().KeyUsages.ShouldBe(X509KeyUsageFlags.DigitalSignature);
        output.Secret["type"]!.GetValue<string>().ShouldBe("kubernetes.io/tls");
        output.SecretText("tls.key").ShouldStartWith("-----BEGIN PRIVATE KEY-----\n");
        output.SecretText("tls.crt").ShouldEndWith("-----END CERTIFICATE-----\n");
    }

    [Fact]
    public async Task Install_Default_SansForTheWebhookService()
    {
        using var serving = new InstallOutput((await Run()).Stdout).ServingCertificate;

        Sans(serving).ShouldBe(["netguard-webhook.netguard-system.svc", "netguard-webhook.netguard-system.svc.cluster.local", "netguard-webhook.netguard-system", "netguard-webhook"]);
        serving.MatchesHostname("netguard-webhook.netguard-system.svc").ShouldBeTrue();
        serving.Subject.ShouldBe("CN=netguard-webhook.netguard-system.svc");
    }

    [Fact]
    public async Task Install_NamespaceOverride_MovedEverywhere()
    {
        var result = await Run("-n", "team-net");

        result.ExitCode.ShouldBe(0);
        result.Stdout.ShouldNotContain("netguard-system");
        var output = new InstallOutput(result.Stdout);
        output.Single("Namespace")["metadata"]!["name"]!.GetValue<string>().ShouldBe("team-net");
        foreach (var obj in output.Objects.Where(o => o["kind"]!.GetValue<string>() is not ("Namespace" or "ClusterRole" or "ClusterRoleBinding" or "MutatingWebhookConfiguration" or "ValidatingWebhookConfiguration")))
        {
            obj["metadata"]!["namespace"]!.GetValue<string>().ShouldBe("team-net", $"{obj["kind"]} {obj["metadata"]!["name"]}");
        }

        foreach (var binding in output.Objects.Where(o => o["kind"]!.GetValue<string>() == "ClusterRoleBinding"))
        {
            binding["subjects"]!.AsArray().Select(s => s!["namespace"]!.GetValue<string>()).ShouldAllBe(ns => ns == "team-net");
        }

        foreach (var webhook in output.Webhooks)
        {
            webhook["clientConfig"]!["service"]!["namespace"]!.GetValue<string>().ShouldBe("team-net");
            if (webhook["namespaceSelector"] is { } selector)
            {
                selector["matchExpressions"]![0]!["values"]!.AsArray().Select(v => v!.GetValue<string>()).ShouldBe(["kube-system", "team-net"]);
            }
        }

        using var serving = output.ServingCertificate;
        Sans(serving).ShouldBe(["netguard-webhook.team-net.svc", "netguard-webhook.team-net.svc.cluster.local", "netguard-webhook.team-net", "netguard-webhook"]);
    }

    [Fact]
    public async Task Install_Images_ReplaceWebhookAndAgentContainers()
    {
        var output = new InstallOutput((await Run("--image", "registry.example.com:5000/ng/webhook:1.2.3", "--agent-image", "registry.example.com/ng/agent@sha256:" + new string('a', 64))).Stdout);

        output.Single("Deployment", "netguard-webhook")["spec"]!["template"]!["spec"]!["containers"]![0]!["image"]!.GetValue<string>().ShouldBe("registry.example.com:5000/ng/webhook:1.2.3");
        output.Single("DaemonSet", "netguard-agent")["spec"]!["template"]!["spec"]!["containers"]![0]!["image"]!.GetValue<string>().ShouldBe("registry.example.com/ng/agent@sha256:" + new string('a', 64));
    }

    [Fact]
    public void EmbeddedManifests_DefaultImageTags_AreThisRelease()
    {
        // `install` of version X must deploy images of version X: bump manifests/ with the version.
        var version = Netguard.Plugin.Cli.ClientVersion.Current.GitVersion.TrimStart('v');
        var images = EmbeddedManifests.Load()
            .SelectMany(m => m.Object["spec"]?["template"]?["spec"]?["containers"] as JsonArray ?? [])
            .Select(c => c!["image"]!.GetValue<string>())
            .ToList();

        images.Count.ShouldBe(2);
        images.ShouldAllBe(i => i.EndsWith(":" + version, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("--image", "Registry/UPPER:1")]
    [InlineData("--image", "webhook:")]
    [InlineData("--agent-image", "has space:1")]
    [InlineData("--agent-image", "")]
    public async Task Install_BadImage_Exit2(string flag, string image)
    {
        var result = await Run(flag, image);

        result.ExitCode.ShouldBe(2);
        result.Stdout.ShouldBeEmpty();
        result.Stderr.ShouldBe($"error: {flag}: \"{image}\" is not an image reference (want e.g. registry.example.com/netguard-webhook:0.1.0)\n");
    }

    [Theory]
    [InlineData("Team")]
    [InlineData("-x")]
    [InlineData("a.b")]
    public async Task Install_BadNamespace_Exit2(string ns)
    {
        var result = await Run("-n", ns);

        result.ExitCode.ShouldBe(2);
        result.Stdout.ShouldBeEmpty();
        result.Stderr.ShouldBe($"error: --namespace: \"{ns}\" is not a valid namespace name (lower-case letters, digits and '-', at most 63 characters)\n");
    }

    [Fact]
    public async Task Install_Config_PutIntoTheConfigMapVerbatim()
    {
        const string Config = "apiVersion: netguard.io/v1alpha1\nkind: NetguardConfig\nqos:\n  linkRate: 10gbit\nrules:\n  netpol-allow-all: deny\n";
        var file = _dir.Write("config.yaml", Config);

        var output = new InstallOutput((await Run("--config", file)).Stdout);

        output.Single("ConfigMap", "netguard-config")["data"]!.AsObject().Select(p => (p.Key, p.Value!.GetValue<string>())).ShouldBe([("config.yaml", Config)]);
    }

    [Fact]
    public async Task Install_ConfigAsConfigMapManifestOnStdin_ItsConfigYamlUsed()
    {
        const string Manifest = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: mine, namespace: x}\ndata:\n  config.yaml: |\n    qos:\n      defaultClass: bulk\n";

        var result = await RunWithStdin(Manifest, "--config", "-");

        result.ExitCode.ShouldBe(0);
        var configMap = new InstallOutput(result.Stdout).Single("ConfigMap");
        configMap["metadata"]!["name"]!.GetValue<string>().ShouldBe("netguard-config");
        configMap["data"]!["config.yaml"]!.GetValue<string>().ShouldBe("qos:\n  defaultClass: bulk\n");
    }

    [Fact]
    public async Task Install_InvalidConfig_Exit2EveryProblemNothingPrinted()
    {
        var file = _dir.Write("bad.yaml", "qos:\n  defaultClass: gold\n  linkRat: 1gbit\n");

        var result = await Run("--config", file);

        result.ExitCode.ShouldBe(2);
        result.Stdout.ShouldBeEmpty();
        var lines = result.Stderr.TrimEnd('\n').Split('\n');
        lines.Length.ShouldBe(2);
        lines.ShouldAllBe(l => l.StartsWith($"error: {file}:", StringComparison.Ordinal));
        lines[0].ShouldContain("defaultClass");
        lines[1].ShouldContain("linkRat");
    }

    [Fact]
    public async Task Install_MissingConfigFile_Exit2OneLine()
    {
        var result = await Run("--config", "nope.yaml");

        result.ExitCode.ShouldBe(2);
        result.Stdout.ShouldBeEmpty();
        result.Stderr.ShouldBe("error: nope.yaml: no such file or directory\n");
    }

    [Fact]
    public async Task Install_OwnCa_CaBundleIsThatCaAndSignsTheServingCertificate()
    {
        using var pki = new TestPki(TestKeyAlgorithm.EcdsaP256);
        var key = _dir.Write("ca.key", pki.Authority.Certificate.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem());

        var result = await Run("--ca-cert", pki.CaCertificatePath, "--ca-key", key);

        result.ExitCode.ShouldBe(0);
        var output = new InstallOutput(result.Stdout);
        output.Webhooks.Select(w => InstallOutput.Pem(w["clientConfig"]!["caBundle"]!.GetValue<string>())[0].Thumbprint).Distinct()
            .ShouldBe([pki.Authority.Certificate.Thumbprint]);
        using var serving = output.ServingCertificate;
        serving.Issuer.ShouldBe(pki.Authority.Certificate.Subject);
        // The serving certificate never outlives its CA (this test CA lives one day).
        serving.NotAfter.ShouldBeLessThanOrEqualTo(pki.Authority.Certificate.NotAfter);
    }

    [Fact]
    public async Task Install_CaCertWithoutKey_Exit2()
    {
        using var pki = new TestPki(TestKeyAlgorithm.EcdsaP256);

        var result = await Run("--ca-cert", pki.CaCertificatePath);

        result.ExitCode.ShouldBe(2);
        result.Stderr.ShouldBe("error: --ca-cert and --ca-key go together\n");
    }

    [Fact]
    public async Task Install_CaCertNotACa_Exit2()
    {
        using var pki = new TestPki(TestKeyAlgorithm.EcdsaP256);
        var leaf = pki.Authority.IssueServer(["x.example"], TestKeyAlgorithm.EcdsaP256);
        var cert = _dir.Write("leaf.crt", leaf.CertificatePem);
        var key = _dir.Write("leaf.key", leaf.Certificate.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem());

        var result = await Run("--ca-cert", cert, "--ca-key", key);

        result.ExitCode.ShouldBe(2);
        result.Stderr.ShouldBe($"error: --ca-cert {cert}: not a CA certificate (basicConstraints CA:TRUE missing)\n");
    }

    [Fact]
    public async Task Install_Twice_FreshKeyMaterialEachTime()
    {
        var first = new InstallOutput((await Run()).Stdout);
        var second = new InstallOutput((await Run()).Stdout);

        first.SecretText("tls.key").ShouldNotBe(second.SecretText("tls.key"));
        first.SecretText("ca.crt").ShouldNotBe(second.SecretText("ca.crt"));
    }

    private static IEnumerable<string> Sans(X509Certificate2 certificate) =>
        certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single().EnumerateDnsNames();

    private Task<CliResult> Run(params string[] args) => RunWithStdin("", args);

    private Task<CliResult> RunWithStdin(string stdin, params string[] args) =>
        CliRunner.RunAsync(["install", .. args], stdin, time: _time, currentDirectory: _dir.Path);
}
