using Netguard.Core.Kube.Config;
using Netguard.Core.Kube.Errors;
using Netguard.Testing;

namespace Netguard.Core.Tests.Kube.Config;

public sealed class KubeConfigLoaderTests : IDisposable
{
    private readonly TestDirectory _dir = new("netguard-kubeconfig");

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Load_KubeconfigList_FirstFileToSetCurrentContextWins()
    {
        var a = _dir.Write("a", Config(current: null, contexts: ["ctx-a"]));
        var b = _dir.Write("b", Config(current: "ctx-b", contexts: ["ctx-b"]));
        var c = _dir.Write("c", Config(current: "ctx-a", contexts: []));

        var config = KubeConfigLoader.Load(new KubeConfigSource { KubeconfigVariable = $"{a}:{b}:{c}" });

        config.CurrentContext.ShouldBe("ctx-b");
        config.CurrentContextFile.ShouldBe(b);
        config.Contexts.Keys.Order().ShouldBe(["ctx-a", "ctx-b"]);
        config.Files.ShouldBe([a, b, c]);
    }

    [Fact]
    public void Load_SameNameInTwoFiles_FirstDefinitionWinsWhole()
    {
        var a = _dir.Write("a", """
            clusters:
            - name: prod
              cluster: {server: "https://first:6443"}
            users:
            - name: admin
              user: {token: first}
            """);
        var b = _dir.Write("b", """
            clusters:
            - name: prod
              cluster: {server: "https://second:6443", insecure-skip-tls-verify: true}
            - name: dev
              cluster: {server: "https://dev:6443"}
            users:
            - name: admin
              user: {token: second, username: u}
            """);

        var config = KubeConfigLoader.Load(new KubeConfigSource { KubeconfigVariable = $"{a}:{b}" });

        config.Clusters["prod"].Server.ShouldBe("https://first:6443");
        config.Clusters["prod"].InsecureSkipTlsVerify.ShouldBeFalse(); // no field-by-field merge of a winning entry
        config.Clusters["dev"].Server.ShouldBe("https://dev:6443");
        config.Users["admin"].Token.ShouldBe("first");
        config.Users["admin"].Username.ShouldBeNull();
    }

    [Fact]
    public void Load_KubeconfigWithEmptyEntriesAndMissingFiles_SkipsThem()
    {
        var a = _dir.Write("a", Config(current: "only", contexts: ["only"]));
        var missing = Path.Combine(_dir.Path, "missing");

        var config = KubeConfigLoader.Load(new KubeConfigSource { KubeconfigVariable = $":{missing}::{a}:" });

        config.CurrentContext.ShouldBe("only");
        config.Files.ShouldBe([a]);
    }

    [Fact]
    public void Load_SameFileTwiceInKubeconfig_ReadsItOnce()
    {
        var a = _dir.Write("a", Config(current: "x", contexts: ["x"]));

        var config = KubeConfigLoader.Load(new KubeConfigSource { KubeconfigVariable = $"{a}:{a}" });

        config.Files.ShouldBe([a]);
    }

    [Fact]
    public void Load_ExplicitPath_IgnoresKubeconfigVariable()
    {
        var a = _dir.Write("a", Config(current: "from-a", contexts: ["from-a"]));
        var b = _dir.Write("b", Config(current: "from-b", contexts: ["from-b"]));

        var config = KubeConfigLoader.Load(new KubeConfigSource { ExplicitPath = b, KubeconfigVariable = a });

        config.CurrentContext.ShouldBe("from-b");
        config.Contexts.Keys.ShouldBe(["from-b"]);
    }

    [Fact]
    public void Load_ExplicitPathMissing_ErrorNamesTheFile()
    {
        var missing = Path.Combine(_dir.Path, "nope.yaml");

        var e = Should.Throw<KubeConfigException>(() => KubeConfigLoader.Load(new KubeConfigSource { ExplicitPath = missing }));

        e.File.ShouldBe(missing);
        e.Message.ShouldBe($"kubeconfig {missing}: file not found");
    }

    [Fact]
    public void Load_ExplicitRelativePath_ResolvedAgainstCurrentDirectory()
    {
        _dir.Write("sub/config", Config(current: "rel", contexts: ["rel"]));

        var config = KubeConfigLoader.Load(new KubeConfigSource { ExplicitPath = "sub/config", CurrentDirectory = _dir.Path });

        config.CurrentContext.ShouldBe("rel");
    }

    [Fact]
    public void Load_NoVariable_FallsBackToHomeKubeConfig()
    {
        _dir.Write("home/.kube/config", Config(current: "home", contexts: ["home"]));

        var config = KubeConfigLoader.Load(new KubeConfigSource { HomeDirectory = Path.Combine(_dir.Path, "home") });

        config.CurrentContext.ShouldBe("home");
    }

    [Fact]
    public void Load_NothingAnywhere_IsEmpty()
    {
        var config = KubeConfigLoader.Load(new KubeConfigSource { HomeDirectory = Path.Combine(_dir.Path, "nohome") });

        config.IsEmpty.ShouldBeTrue();
    }

    [Fact]
    public void LoadFile_RelativePaths_ResolvedAgainstTheDefiningFile()
    {
        var file = _dir.Write("nested/dir/config", """
            clusters:
            - name: c
              cluster: {server: "https://x", certificate-authority: certs/ca.crt}
            users:
            - name: u
              user:
                client-certificate: ../client.crt
                client-key: /abs/client.key
                tokenFile: token
                exec: {apiVersion: client.authentication.k8s.io/v1beta1, command: ./bin/plugin}
            - name: path-lookup
              user:
                exec: {apiVersion: client.authentication.k8s.io/v1beta1, command: aws}
            """);
        var dir = Path.GetDirectoryName(file)!;

        var config = KubeConfigLoader.LoadFile(file);

        config.Clusters["c"].CertificateAuthority.ShouldBe(Path.Combine(dir, "certs", "ca.crt"));
        config.Users["u"].ClientCertificate.ShouldBe(Path.Combine(_dir.Path, "nested", "client.crt"));
        config.Users["u"].ClientKey.ShouldBe("/abs/client.key");
        config.Users["u"].TokenFile.ShouldBe(Path.Combine(dir, "token"));
        config.Users["u"].Exec!.Command.ShouldBe(Path.Combine(dir, "bin", "plugin"));
        config.Users["path-lookup"].Exec!.Command.ShouldBe("aws"); // PATH lookup, not a file reference
    }

    [Fact]
    public void LoadFile_MalformedYaml_ErrorHasFileLineAndColumn()
    {
        var file = _dir.Write("bad", "clusters:\n- name: c\n  cluster: {server: [unclosed\n");

        var e = Should.Throw<KubeConfigException>(() => KubeConfigLoader.LoadFile(file));

        e.File.ShouldBe(file);
        e.Message.ShouldStartWith($"kubeconfig {file}: malformed YAML at line ");
        e.Message.Split('\n').Length.ShouldBe(1);
    }

    [Theory]
    [InlineData("clusters: {a: b}\n", "clusters", "expected a list")]
    [InlineData("users:\n- user: {token: x}\n", "users[0].name", "missing name")]
    [InlineData("clusters:\n- name: c\n  cluster: {certificate-authority-data: \"!!notbase64\"}\n", "clusters[0].cluster.certificate-authority-data", "not valid base64")]
    [InlineData("clusters:\n- name: c\n  cluster: {insecure-skip-tls-verify: maybe}\n", "clusters[0].cluster.insecure-skip-tls-verify", "expected true or false, got \"maybe\"")]
    [InlineData("users:\n- name: u\n  user: {exec: {command: x, apiVersion: client.authentication.k8s.io/v1alpha1}}\n", "users[0].user.exec.apiVersion", "unsupported apiVersion \"client.authentication.k8s.io/v1alpha1\" (want client.authentication.k8s.io/v1 or v1beta1)")]
    [InlineData("users:\n- name: u\n  user: {exec: {command: x, apiVersion: client.authentication.k8s.io/v1}}\n", "users[0].user.exec.interactiveMode", "required for client.authentication.k8s.io/v1 (Never, IfAvailable or Always)")]
    [InlineData("users:\n- name: u\n  user: {exec: {command: x, apiVersion: client.authentication.k8s.io/v1beta1, args: \"a b\"}}\n", "users[0].user.exec.args", "expected a list of strings")]
    public void LoadFile_InvalidField_ErrorNamesFileAndField(string yaml, string field, string message)
    {
        var file = _dir.Write("bad", yaml);

        var e = Should.Throw<KubeConfigException>(() => KubeConfigLoader.LoadFile(file));

        e.Field.ShouldBe(field);
        e.Message.ShouldBe($"kubeconfig {file}, {field}: {message}");
    }

    [Fact]
    public void LoadFile_EmptyFile_IsEmptyConfig()
    {
        var file = _dir.Write("empty", "");

        KubeConfigLoader.LoadFile(file).IsEmpty.ShouldBeTrue();
    }

    [Fact]
    public void LoadFile_ExecSection_ReadsEveryField()
    {
        var file = _dir.Write("exec", """
            users:
            - name: u
              user:
                exec:
                  apiVersion: client.authentication.k8s.io/v1
                  command: gke-gcloud-auth-plugin
                  args: ["--flag with space", ""]
                  env: [{name: A, value: "1"}, {name: B}]
                  installHint: "brew install x"
                  provideClusterInfo: true
                  interactiveMode: IfAvailable
            """);

        var exec = KubeConfigLoader.LoadFile(file).Users["u"].Exec!;

        exec.Args.ShouldBe(["--flag with space", ""]);
        exec.Env.ShouldBe([new("A", "1"), new("B", "")]);
        exec.InstallHint.ShouldBe("brew install x");
        exec.ProvideClusterInfo.ShouldBeTrue();
        exec.InteractiveMode.ShouldBe(ExecInteractiveMode.IfAvailable);
    }

    [Fact]
    public void LoadFile_DuplicateKey_IsAOneLineConfigError()
    {
        var file = _dir.Write("dup", "current-context: a\ncurrent-context: b\n");

        var e = Should.Throw<KubeConfigException>(() => KubeConfigLoader.LoadFile(file));

        e.File.ShouldBe(file);
        e.Message.ShouldContain("line 2");
    }

    [Fact]
    public void LoadFile_AnchorsAndAliases_AreResolved()
    {
        var file = _dir.Write("anchors", """
            clusters:
            - name: a
              cluster: &shared {server: "https://shared:6443", tls-server-name: api}
            - name: b
              cluster: *shared
            """);

        var config = KubeConfigLoader.LoadFile(file);

        config.Clusters["b"].Server.ShouldBe("https://shared:6443");
        config.Clusters["b"].TlsServerName.ShouldBe("api");
    }

    private static string Config(string? current, string[] contexts)
    {
        var text = current is null ? "" : $"current-context: {current}\n";
        text += "contexts:\n" + string.Concat(contexts.Select(c => $"- name: {c}\n  context: {{cluster: {c}-cluster, user: {c}-user}}\n"));
        if (contexts.Length == 0)
        {
            text = text.Replace("contexts:\n", "contexts: []\n", StringComparison.Ordinal);
        }

        return text;
    }
}
