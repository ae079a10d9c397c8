using System.Net;
using System.Net.Sockets;
using Netguard.Core.Net;
using Netguard.Testing.Certificates;
using Netguard.Webhook.Hosting;
using Netguard.Webhook.Options;

namespace Netguard.Webhook.Tests.Hosting;

/// <summary>Flags are checked at start: an unusable one is one line on stderr and exit code 2, before anything listens.</summary>
public sealed class CommandLineTests : IDisposable
{
    private readonly TestPki _pki = new();
    private readonly TestCertificateFiles _serving;

    public CommandLineTests()
    {
        _serving = _pki.WriteServer("tls");
    }

    public void Dispose()
    {
        _serving.Certificate.Dispose();
        _pki.Dispose();
    }

    [Fact]
    public async Task Run_UnknownFlag_OneLineAndExit2()
    {
        var (code, error) = await RunAsync("--offline", "--frobnicate");

        code.ShouldBe(2);
        error.ShouldStartWith("netguard-webhook: error: ");
        error.ShouldContain("--frobnicate");
        error.TrimEnd().ShouldNotContain('\n');
    }

    [Fact]
    public async Task Run_NoCertificateFlags_SaysTheyAreRequired()
    {
        var (code, error) = await RunAsync("--offline");

        code.ShouldBe(2);
        error.ShouldBe("netguard-webhook: error: --tls-cert-file and --tls-key-file are required (the API server only calls webhooks over HTTPS)\n");
    }

    [Fact]
    public async Task Run_CertificateFileMissing_NamesTheFile()
    {
        var (code, error) = await RunAsync("--offline", "--tls-cert-file", "/nonexistent/tls.crt", "--tls-key-file", _serving.KeyPath);

        code.ShouldBe(2);
        error.ShouldStartWith("netguard-webhook: error: cannot read the certificate files: ");
        error.ShouldContain("/nonexistent/tls.crt");
        error.TrimEnd().ShouldNotContain('\n');
    }

    [Fact]
    public async Task Run_KeyOfAnotherCertificate_RefusedAtStart()
    {
        var other = _pki.WriteServer("other");
        var (code, error) = await RunAsync("--offline", "--tls-cert-file", _serving.CertificatePath, "--tls-key-file", other.KeyPath);

        code.ShouldBe(2);
        error.ShouldStartWith($"netguard-webhook: error: {other.KeyPath}: the private key cannot be used with {_serving.CertificatePath}");
        other.Certificate.Dispose();
    }

    [Fact]
    public async Task Run_CertificateFileIsNotPem_Refused()
    {
        var (code, error) = await RunAsync("--offline", "--tls-cert-file", _serving.KeyPath, "--tls-key-file", _serving.KeyPath);

        code.ShouldBe(2);
        error.ShouldBe($"netguard-webhook: error: {_serving.KeyPath}: no \"BEGIN CERTIFICATE\" block found\n");
    }

    [Theory]
    [InlineData("--listen", "8443", "--listen \"8443\" is not an address:port (e.g. 0.0.0.0:8443 or [::]:8443)")]
    [InlineData("--listen", "localhost:8443", "--listen \"localhost:8443\" is not an address:port (e.g. 0.0.0.0:8443 or [::]:8443)")]
    [InlineData("--shutdown-delay", "5 seconds", "--shutdown-delay \"5 seconds\" is not a duration (e.g. 500ms, 5s, 1m)")]
    [InlineData("--reload-interval", "0", "--reload-interval must be positive")]
    public async Task Run_BadValue_OneLineAndExit2(string flag, string value, string message)
    {
        var (code, error) = await RunAsync("--offline", "--tls-cert-file", _serving.CertificatePath, "--tls-key-file", _serving.KeyPath, flag, value);

        code.ShouldBe(2);
        error.ShouldBe($"netguard-webhook: error: {message}\n");
    }

    [Fact]
    public async Task Run_InvalidConfig_ListsEveryProblemWithItsLine()
    {
        using var dir = new Netguard.Testing.TestDirectory();
        var config = dir.Write("config.yaml", "apiVersion: netguard.io/v1alpha1\nkind: NetguardConfig\nqos:\n  defaultClass: gold\n  linkRat: 1gbit\n");

        var (code, error) = await RunAsync("--offline", "--config", config, "--tls-cert-file", _serving.CertificatePath, "--tls-key-file", _serving.KeyPath);

        code.ShouldBe(2);
        error.ShouldBe($"netguard-webhook: error: config {config} is invalid: line 4: qos.defaultClass: class \"gold\" is not defined in qos.classes; line 5: qos.linkRat: unknown key (did you mean \"linkRate\"?)\n");
    }

    [Fact]
    public async Task Run_KubeconfigMissing_Exit2()
    {
        var (code, error) = await RunAsync("--kubeconfig", "/nonexistent/kubeconfig", "--tls-cert-file", _serving.CertificatePath, "--tls-key-file", _serving.KeyPath);

        code.ShouldBe(2);
        error.ShouldBe("netguard-webhook: error: --kubeconfig /nonexistent/kubeconfig: no such file\n");
    }

    [Fact]
    public async Task Run_NoKubeconfigOutsideACluster_SaysHowToRun()
    {
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("KUBERNETES_SERVICE_HOST")))
        {
            return; // inside a pod the service account is the default; nothing to refuse
        }

        var (code, error) = await RunAsync("--tls-cert-file", _serving.CertificatePath, "--tls-key-file", _serving.KeyPath);

        code.ShouldBe(2);
        error.ShouldBe("netguard-webhook: error: not running in a cluster (KUBERNETES_SERVICE_HOST/PORT are not set): pass --kubeconfig FILE, or --offline to run without cluster state\n");
    }

    [Fact]
    public async Task Run_AddressInUse_Exit1WithOneLine()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;

        var (code, error) = await RunAsync("--offline", "--listen", $"127.0.0.1:{port}", "--tls-cert-file", _serving.CertificatePath, "--tls-key-file", _serving.KeyPath);

        code.ShouldBe(1);
        error.ShouldStartWith($"netguard-webhook: error: cannot listen on 127.0.0.1:{port}: ");
        error.TrimEnd().ShouldNotContain('\n');
    }

    [Fact]
    public async Task Run_Help_ListsEveryFlagAndExits0()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var code = await WebhookProgram.RunAsync(["--help"], error, output);

        code.ShouldBe(0);
        foreach (var flag in new[] { "--listen", "--tls-cert-file", "--tls-key-file", "--config", "--kubeconfig", "--offline", "--shutdown-delay", "--reload-interval", "--log-format", "--log-level" })
        {
            output.ToString().ShouldContain(flag);
        }
    }

    [Theory]
    [InlineData("0.0.0.0:8443", "0.0.0.0", 8443)]
    [InlineData("127.0.0.1:0", "127.0.0.1", 0)]
    [InlineData("[::]:9443", "::", 9443)]
    [InlineData(":8443", "0.0.0.0", 8443)]
    public void ListenAddress_Forms_Parse(string text, string address, int port)
    {
        ListenAddress.TryParse(text, out var endPoint).ShouldBeTrue();
        endPoint!.Address.ShouldBe(IPAddress.Parse(address));
        endPoint.Port.ShouldBe(port);
    }

    [Theory]
    [InlineData("500ms", 500)]
    [InlineData("5s", 5000)]
    [InlineData("1m30s", 90000)]
    [InlineData("0", 0)]
    [InlineData("1.5s", 1500)]
    public void Duration_GoStyle_Parses(string text, int milliseconds)
    {
        Duration.TryParse(text, out var value).ShouldBeTrue();
        value!.Value.TotalMilliseconds.ShouldBe(milliseconds);
    }

    private static async Task<(int Code, string Error)> RunAsync(params string[] args)
    {
        using var error = new StringWriter();
        using var output = new StringWriter();
        var code = await WebhookProgram.RunAsync(args, error, output);
        return (code, error.ToString().ReplaceLineEndings("\n"));
    }
}
