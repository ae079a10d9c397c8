using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Netguard.Core.Admission;
using Netguard.Core.Config;
using Netguard.Testing.Certificates;
using Netguard.Webhook.Tests.Infrastructure;

namespace Netguard.Webhook.Tests.Hosting;

/// <summary>On SIGTERM the webhook stops taking new work but finishes what it has (SPEC §5.5, Kubernetes pod termination).</summary>
public sealed class GracefulShutdownTests
{
    [Fact]
    public async Task Stop_WhileARuleIsEvaluating_TheRequestCompletesBeforeTheHostStops()
    {
        using var entered = new SemaphoreSlim(0);
        using var release = new ManualResetEventSlim();
        var slow = new DelegateRule(
            DelegateRule.Describe("test-slow", RulePhase.Validate, RuleAction.Deny, ["Pod"], AdmissionOperation.Create),
            _ =>
            {
                entered.Release();
                release.Wait(TimeSpan.FromSeconds(20));
            });
        await using var server = await WebhookTestServer.StartAsync([slow]);
        var client = server.CreateClient();

        var inFlight = client.PostAsync("/validate", AdmissionFixtures.Load("pod-create"));
        (await entered.WaitAsync(TimeSpan.FromSeconds(10))).ShouldBeTrue();
        var stopping = server.App.StopAsync();
        await Task.Delay(300);
        stopping.IsCompleted.ShouldBeFalse("the host must wait for the in-flight request");

        release.Set();
        var (status, body, _) = await inFlight;
        await stopping.WaitAsync(TimeSpan.FromSeconds(10));

        status.ShouldBe(200);
        body!["response"]!["uid"]!.GetValue<string>().ShouldBe("705ab4f5-6393-11e8-b7cc-42010a800002");
    }

    [Fact]
    public async Task Sigterm_ToTheRealProcess_DrainsAHalfSentRequestThenExits0()
    {
        using var pki = new TestPki();
        var serving = pki.WriteServer("tls");
        var (process, address) = await WebhookProcess.StartAsync(
            "--offline", "--listen", "127.0.0.1:0", "--tls-cert-file", serving.CertificatePath, "--tls-key-file", serving.KeyPath);
        await using var _ = process;

        // A request whose body is only half sent is in flight: the server is waiting for the rest.
        var body = Encoding.UTF8.GetBytes(AdmissionFixtures.Load("pod-create").ToJsonString());
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(address.Host, address.Port);
        await using var tls = new SslStream(tcp.GetStream(), false, (_, cert, _, _) => IsServing(cert, serving));
        await tls.AuthenticateAsClientAsync("localhost");
        var head = $"POST /validate HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\n\r\n";
        await tls.WriteAsync(Encoding.ASCII.GetBytes(head));
        await tls.WriteAsync(body.AsMemory(0, body.Length / 2));
        await tls.FlushAsync();
        await Task.Delay(200);

        process.Terminate();
        await Task.Delay(500);
        process.HasExited.ShouldBeFalse("the process must wait for the in-flight request");

        await tls.WriteAsync(body.AsMemory(body.Length / 2));
        await tls.FlushAsync();
        var response = await ReadResponseAsync(tls);

        response.ShouldStartWith("HTTP/1.1 200 OK");
        response.ShouldContain("\"uid\":\"705ab4f5-6393-11e8-b7cc-42010a800002\"");
        (await process.WaitForExitAsync(TimeSpan.FromSeconds(20))).ShouldBe(0, process.Output);
        serving.Certificate.Dispose();
    }

    [Fact]
    public async Task Sigterm_WithShutdownDelay_ReadyzFailsWhileRequestsAreStillServed()
    {
        using var pki = new TestPki();
        var serving = pki.WriteServer("tls");
        var (process, address) = await WebhookProcess.StartAsync(
            "--offline", "--listen", "127.0.0.1:0", "--shutdown-delay", "3s", "--tls-cert-file", serving.CertificatePath, "--tls-key-file", serving.KeyPath);
        await using var _ = process;
        using var handler = new SocketsHttpHandler { SslOptions = { RemoteCertificateValidationCallback = (_, cert, _, _) => IsServing(cert, serving) } };
        using var client = new HttpClient(handler) { BaseAddress = address };
        (await client.GetStringAsync("/readyz")).ShouldBe("ok\n");

        process.Terminate();
        await Task.Delay(500);

        using var readyz = await client.GetAsync("/readyz");
        ((int)readyz.StatusCode).ShouldBe(503);
        (await readyz.Content.ReadAsStringAsync()).ShouldBe("not ready: shutting down\n");
        var (status, _, _) = await client.PostAsync("/validate", AdmissionFixtures.Load("pod-create"));
        status.ShouldBe(200);
        (await process.WaitForExitAsync(TimeSpan.FromSeconds(20))).ShouldBe(0, process.Output);
        serving.Certificate.Dispose();
    }

    // Pinned to the certificate the process was started with.
    private static bool IsServing(X509Certificate? presented, TestCertificateFiles serving) =>
        presented is not null && presented.GetCertHashString() == serving.Certificate.Certificate.GetCertHashString();

    private static async Task<string> ReadResponseAsync(Stream stream)
    {
        var buffer = new byte[64 * 1024];
        var text = new StringBuilder();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        while (true)
        {
            var n = await stream.ReadAsync(buffer, cts.Token);
            if (n == 0)
            {
                return text.ToString();
            }

            text.Append(Encoding.UTF8.GetString(buffer, 0, n));
            var s = text.ToString();
            var headerEnd = s.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            var lengthAt = s.IndexOf("Content-Length: ", StringComparison.OrdinalIgnoreCase);
            if (headerEnd > 0 && lengthAt > 0 && lengthAt < headerEnd)
            {
                var end = s.IndexOf("\r\n", lengthAt, StringComparison.Ordinal);
                var length = int.Parse(s[(lengthAt + 16)..end], System.Globalization.CultureInfo.InvariantCulture);
                if (Encoding.UTF8.GetByteCount(s[(headerEnd + 4)..]) >= length)
                {
                    return s;
                }
            }
        }
    }
}
