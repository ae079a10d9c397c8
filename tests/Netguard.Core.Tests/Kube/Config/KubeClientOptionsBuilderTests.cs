using Netguard.Core.Kube.Config;
using Netguard.Core.Kube.Errors;
using Netguard.Testing;

namespace Netguard.Core.Tests.Kube.Config;

public sealed class KubeClientOptionsBuilderTests : IDisposable
{
    private readonly TestDirectory _dir = new("netguard-options");
    private readonly string _file;

    public KubeClientOptionsBuilderTests()
    {
        _dir.Write("ca.crt", "placeholder");
        _dir.Write("token", "t");
        _file = _dir.Write("config", """
            current-context: dev
            clusters:
            - name: dev-cluster
              cluster: {server: "https://dev.example:6443", certificate-authority: ca.crt, tls-server-name: api.dev}
            - name: prod-cluster
              cluster: {server: "https://prod.example:6443", insecure-skip-tls-verify: true}
            - name: no-server
              cluster: {}
            users:
            - name: dev-user
              user: {token: dev-token, as: someone}
            - name: file-user
              user: {tokenFile: token}
            - name: missing-cert
              user: {client-certificate: nope.crt, client-key: nope.key}
            - name: half-cert
              user: {client-certificate-data: YQ==}
            - name: legacy
              user: {auth-provider: {name: gcp}}
            contexts:
            - name: dev
              context: {cluster: dev-cluster, user: dev-user, namespace: team-a}
            - name: prod
              context: {cluster: prod-cluster, user: file-user}
            - name: broken-cluster
              context: {cluster: ghost, user: dev-user}
            - name: broken-user
              context: {cluster: dev-cluster, user: ghost}
            - name: missing-cert
              context: {cluster: dev-cluster, user: missing-cert}
            - name: half-cert
              context: {cluster: dev-cluster, user: half-cert}
            - name: no-server
              context: {cluster: no-server, user: dev-user}
            - name: legacy
              context: {cluster: dev-cluster, user: legacy}
            """);
    }

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Build_CurrentContext_ResolvesClusterUserAndNamespace()
    {
        var options = Build(new KubeConfigOverrides());

        options.Server.ShouldBe(new Uri("https://dev.example:6443"));
        options.Namespace.ShouldBe("team-a");
        options.CertificateAuthorityFile.ShouldBe(Path.Combine(_dir.Path, "ca.crt"));
        options.TlsServerName.ShouldBe("api.dev");
        options.BearerToken.ShouldBe("dev-token");
        options.ImpersonateUser.ShouldBe("someone");
        options.ContextName.ShouldBe("dev");
    }

    [Theory]
    [InlineData("dev", "flag-ns", "flag-ns")]
    [InlineData("dev", null, "team-a")]
    [InlineData("prod", null, "default")]
    public void Build_Namespace_FlagOverContextOverDefault(string context, string? flag, string expected)
    {
        Build(new KubeConfigOverrides { Context = context, Namespace = flag }).Namespace.ShouldBe(expected);
    }

    [Fact]
    public void Build_ContextFlag_SelectsOtherContext()
    {
        var options = Build(new KubeConfigOverrides { Context = "prod" });

        options.Server.Host.ShouldBe("prod.example");
        options.InsecureSkipTlsVerify.ShouldBeTrue();
        options.BearerToken.ShouldBeNull();
        options.BearerTokenFile.ShouldBe(Path.Combine(_dir.Path, "token"));
    }

    [Fact]
    public void Build_ClusterAndUserFlags_ReplaceTheContexts()
    {
        var options = Build(new KubeConfigOverrides { Cluster = "prod-cluster", User = "file-user" });

        options.Server.Host.ShouldBe("prod.example");
        options.BearerTokenFile.ShouldNotBeNull();
        options.Namespace.ShouldBe("team-a"); // the namespace still comes from the context
    }

    [Fact]
    public void Build_ServerFlag_ReplacesClusterServer()
    {
        Build(new KubeConfigOverrides { Server = "https://10.0.0.1:443/prefix" }).Server.ShouldBe(new Uri("https://10.0.0.1:443/prefix"));
    }

    [Fact]
    public void Build_ServerFlagWithoutScheme_AssumesHttps()
    {
        Build(new KubeConfigOverrides { Server = "api.example:6443" }).Server.ShouldBe(new Uri("https://api.example:6443"));
    }

    [Fact]
    public void Build_PlainHttpServer_SendsNoCredentialsButStillImpersonates()
    {
        var options = Build(new KubeConfigOverrides { Server = "http://127.0.0.1:8080", Token = "secret", Impersonate = "bob" });

        options.BearerToken.ShouldBeNull();
        options.BearerTokenFile.ShouldBeNull();
        options.ImpersonateUser.ShouldBe("bob");
    }

    [Fact]
    public void Build_InsecureFlag_DropsKubeconfigCa()
    {
        var options = Build(new KubeConfigOverrides { InsecureSkipTlsVerify = true });

        options.InsecureSkipTlsVerify.ShouldBeTrue();
        options.CertificateAuthorityFile.ShouldBeNull();
    }

    [Fact]
    public void Build_InsecureFlagWithCaFlag_IsRefused()
    {
        var e = Should.Throw<KubeConfigException>(() => Build(new KubeConfigOverrides { InsecureSkipTlsVerify = true, CertificateAuthority = Path.Combine(_dir.Path, "ca.crt") }));

        e.Field.ShouldBe("--certificate-authority");
        e.Message.ShouldContain("specifying a root certificates file with the insecure flag is not allowed");
    }

    [Fact]
    public void Build_CaFlagMissingFile_NamesTheFlag()
    {
        var e = Should.Throw<KubeConfigException>(() => Build(new KubeConfigOverrides { CertificateAuthority = Path.Combine(_dir.Path, "none.crt") }));

        e.Message.ShouldBe($"context \"dev\", --certificate-authority: file \"{Path.Combine(_dir.Path, "none.crt")}\" not found");
    }

    [Fact]
    public void Build_TokenFlag_ReplacesTokenFile()
    {
        var options = Build(new KubeConfigOverrides { Context = "prod", Token = "flag" });

        options.BearerToken.ShouldBe("flag");
        options.BearerTokenFile.ShouldBeNull();
    }

    [Fact]
    public void Build_AsFlags_ReplaceKubeconfigImpersonation()
    {
        var options = Build(new KubeConfigOverrides { Impersonate = "bob", ImpersonateGroups = ["g1"] });

        options.ImpersonateUser.ShouldBe("bob");
        options.ImpersonateGroups.ShouldBe(["g1"]);
    }

    [Fact]
    public void Build_TwoAsGroupFlags_RefusedAsTheFlagsError()
    {
        var e = Should.Throw<KubeConfigException>(() => Build(new KubeConfigOverrides { ImpersonateGroups = ["g1", "g2"] }));

        e.Field.ShouldBe("--as-group");
        e.Message.ShouldBe("--as-group: impersonating 2 groups (g1, g2) is not supported: this client can send only one Impersonate-Group header; give one group");
    }

    [Fact]
    public void Build_UnknownContextFlag_ListsKnownContexts()
    {
        var e = Should.Throw<KubeConfigException>(() => Build(new KubeConfigOverrides { Context = "staging" }));

        e.Field.ShouldBe("--context");
        e.Message.ShouldBe($"--context: context \"staging\" not found in {_file} (known: broken-cluster, broken-user, dev, half-cert, legacy, missing-cert, no-server, prod)");
    }

    [Fact]
    public void Build_ContextNamesUnknownCluster_NamesFileContextAndField()
    {
        var e = Should.Throw<KubeConfigException>(() => Build(new KubeConfigOverrides { Context = "broken-cluster" }));

        e.Message.ShouldBe($"kubeconfig {_file}, context \"broken-cluster\", contexts[2].context.cluster: cluster \"ghost\" not found in {_file}");
    }

    [Fact]
    public void Build_ContextNamesUnknownUser_NamesField()
    {
        var e = Should.Throw<KubeConfigException>(() => Build(new KubeConfigOverrides { Context = "broken-user" }));

        e.Field.ShouldBe("contexts[3].context.user");
    }

    [Fact]
    public void Build_MissingClientCertificateFile_NamesFileContextAndField()
    {
        var e = Should.Throw<KubeConfigException>(() => Build(new KubeConfigOverrides { Context = "missing-cert" }));

        e.Message.ShouldBe($"kubeconfig {_file}, context \"missing-cert\", users[2].user.client-certificate: file \"{Path.Combine(_dir.Path, "nope.crt")}\" not found");
    }

    [Fact]
    public void Build_CertificateWithoutKey_IsRefused()
    {
        var e = Should.Throw<KubeConfigException>(() => Build(new KubeConfigOverrides { Context = "half-cert" }));

        e.Field.ShouldBe("users[3].user.client-key");
    }

    [Fact]
    public void Build_ClusterWithoutServer_NamesField()
    {
        var e = Should.Throw<KubeConfigException>(() => Build(new KubeConfigOverrides { Context = "no-server" }));

        e.Field.ShouldBe("clusters[2].cluster.server");
    }

    [Fact]
    public void Build_AuthProvider_ExplainsItIsUnsupported()
    {
        var e = Should.Throw<KubeConfigException>(() => Build(new KubeConfigOverrides { Context = "legacy" }));

        e.Message.ShouldContain("auth-provider \"gcp\" is not supported");
    }

    [Fact]
    public void Build_EmptyConfigWithServerFlag_Works()
    {
        var options = KubeClientOptionsBuilder.Build(KubeConfig.Empty, new KubeConfigOverrides { Server = "https://127.0.0.1:6443", Token = "t" });

        options.Server.ShouldBe(new Uri("https://127.0.0.1:6443"));
        options.Namespace.ShouldBe("default");
    }

    [Fact]
    public void Build_EmptyConfig_SaysNoConfiguration()
    {
        var e = Should.Throw<KubeConfigException>(() => KubeClientOptionsBuilder.Build(KubeConfig.Empty, new KubeConfigOverrides()));

        e.Message.ShouldStartWith("no configuration has been provided");
    }

    [Theory]
    [InlineData("0", null)]
    [InlineData("30", 30_000.0)]
    [InlineData("1m30s", 90_000.0)]
    [InlineData("500ms", 500.0)]
    [InlineData("1.5h", 5_400_000.0)]
    public void Build_RequestTimeout_ParsesKubectlDurations(string text, double? milliseconds)
    {
        var timeout = Build(new KubeConfigOverrides { RequestTimeout = text }).RequestTimeout;

        (timeout?.TotalMilliseconds).ShouldBe(milliseconds);
    }

    [Theory]
    [InlineData("soon")]
    [InlineData("5 minutes")]
    [InlineData("10d")]
    public void Build_BadRequestTimeout_NamesTheFlag(string text)
    {
        var e = Should.Throw<KubeConfigException>(() => Build(new KubeConfigOverrides { RequestTimeout = text }));

        e.Field.ShouldBe("--request-timeout");
    }

    private KubeClientOptions Build(KubeConfigOverrides overrides) =>
        KubeClientOptions.FromKubeConfig(new KubeConfigSource { ExplicitPath = _file }, overrides);
}
