using Netguard.Core.Kube.Config;
using Netguard.Core.Kube.Errors;
using Netguard.Testing;

namespace Netguard.Core.Tests.Kube.Config;

public sealed class InClusterConfigTests : IDisposable
{
    private readonly TestDirectory _dir = new("netguard-sa");

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void InCluster_ServiceAccountFiles_BuildOptions()
    {
        _dir.Write("token", "sa-token");
        _dir.Write("ca.crt", "ca");
        _dir.Write("namespace", "netguard-system\n");

        var options = KubeClientOptions.InCluster(new InClusterEnvironment { ServiceHost = "10.96.0.1", ServicePort = "443", ServiceAccountDirectory = _dir.Path });

        options.Server.ShouldBe(new Uri("https://10.96.0.1:443"));
        options.Namespace.ShouldBe("netguard-system");
        options.BearerTokenFile.ShouldBe(Path.Combine(_dir.Path, "token"));
        options.CertificateAuthorityFile.ShouldBe(Path.Combine(_dir.Path, "ca.crt"));
    }

    [Fact]
    public void InCluster_Ipv6ServiceHost_IsBracketed()
    {
        _dir.Write("token", "t");

        var options = KubeClientOptions.InCluster(new InClusterEnvironment { ServiceHost = "fd00::1", ServicePort = "443", ServiceAccountDirectory = _dir.Path });

        options.Server.ShouldBe(new Uri("https://[fd00::1]:443"));
        options.Namespace.ShouldBe("default");
    }

    [Fact]
    public void InCluster_NotInAPod_SaysSo()
    {
        var e = Should.Throw<KubeConfigException>(() => KubeClientOptions.InCluster(new InClusterEnvironment { ServiceAccountDirectory = _dir.Path }));

        e.Message.ShouldStartWith("not running in a cluster");
    }

    [Fact]
    public void InCluster_NoToken_NamesThePath()
    {
        var e = Should.Throw<KubeConfigException>(() => KubeClientOptions.InCluster(new InClusterEnvironment { ServiceHost = "10.0.0.1", ServicePort = "443", ServiceAccountDirectory = _dir.Path }));

        e.Message.ShouldContain(Path.Combine(_dir.Path, "token"));
    }
}
