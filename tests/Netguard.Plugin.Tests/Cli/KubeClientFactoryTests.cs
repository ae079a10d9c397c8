using Netguard.Plugin.Cli;

namespace Netguard.Plugin.Tests.Cli;

public class KubeClientFactoryTests
{
    [Fact]
    public void Overrides_EveryKubectlFlag_ReachesTheOverrides()
    {
        var (context, root) = Build();
        var parse = root.Parse([
            "version", "--context", "c", "--cluster", "cl", "--user", "u", "-n", "ns", "--token", "t",
            "--as", "bob", "--as-group", "g1", "--as-group", "g2", "-s", "https://h:6443",
            "--certificate-authority", "/etc/ca.crt", "--insecure-skip-tls-verify", "--tls-server-name", "api.internal",
            "--request-timeout", "5s",
        ]);

        var overrides = context.KubeClients.Overrides(parse);

        parse.Errors.ShouldBeEmpty();
        overrides.Context.ShouldBe("c");
        overrides.Cluster.ShouldBe("cl");
        overrides.User.ShouldBe("u");
        overrides.Namespace.ShouldBe("ns");
        overrides.Token.ShouldBe("t");
        overrides.Impersonate.ShouldBe("bob");
        overrides.ImpersonateGroups.ShouldBe(["g1", "g2"]);
        overrides.Server.ShouldBe("https://h:6443");
        overrides.CertificateAuthority.ShouldBe("/etc/ca.crt");
        overrides.InsecureSkipTlsVerify.ShouldBeTrue();
        overrides.TlsServerName.ShouldBe("api.internal");
        overrides.RequestTimeout.ShouldBe("5s");
    }

    [Fact]
    public void Overrides_FlagsBeforeTheCommand_AreRecognised()
    {
        var (context, root) = Build();
        var parse = root.Parse(["--context", "c", "-n", "ns", "version"]);

        var overrides = context.KubeClients.Overrides(parse);

        overrides.Context.ShouldBe("c");
        overrides.Namespace.ShouldBe("ns");
    }

    [Fact]
    public void Overrides_RelativeCertificateAuthority_ResolvedAgainstCurrentDirectory()
    {
        var (context, root) = Build(currentDirectory: "/work/here");

        var overrides = context.KubeClients.Overrides(root.Parse(["version", "--certificate-authority", "certs/ca.crt"]));

        overrides.CertificateAuthority.ShouldBe("/work/here/certs/ca.crt");
    }

    [Fact]
    public void Options_NamespaceFlag_OverridesContextNamespace()
    {
        var (context, root) = Build();

        var options = context.KubeClients.Options(root.Parse(["version", "-s", "https://127.0.0.1:6443", "-n", "team-b"]));

        options.Namespace.ShouldBe("team-b");
        options.Server.ShouldBe(new Uri("https://127.0.0.1:6443"));
    }

    private static (CliContext Context, System.CommandLine.RootCommand Root) Build(string currentDirectory = "/")
    {
        var environment = new CliEnvironment
        {
            Out = TextWriter.Null,
            Error = TextWriter.Null,
            In = TextReader.Null,
            GetEnvironmentVariable = _ => null,
            HomeDirectory = "/nonexistent-home",
            CurrentDirectory = currentDirectory,
        };
        var context = new CliContext(environment, new KubeFlags());
        return (context, NetguardCli.Build(context));
    }
}
