using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Netguard.Testing.FakeApiServer;

/// <summary>A minimal HTTP CONNECT proxy on loopback (for kubeconfig proxy-url tests); records the tunnels asked for.</summary>
public sealed class FakeConnectProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly List<string> _tunnels = [];
    private readonly Task _accepting;

    public FakeConnectProxy()
    {
        _listener.Start();
        Url = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}");
        _accepting = AcceptAsync();
    }

    public Uri Url { get; }

    /// <summary>The "host:port" targets of CONNECT requests so far.</summary>
    public IReadOnlyList<string> Tunnels
    {
        get
        {
            lock (_tunnels)
            {
                return _tunnels.ToList();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _accepting;
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            _ = Task.Run(() => TunnelAsync(client));
        }
    }

    private async Task TunnelAsync(TcpClient client)
    {
        using (client)
        {
            var stream = client.GetStream();
            var header = new StringBuilder();
            var buffer = new byte[1];
            while (!header.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
            {
                if (await stream.ReadAsync(buffer, _stop.Token) == 0)
                {
                    return;
                }

                header.Append((char)buffer[0]);
            }

            var requestLine = header.ToString().Split("\r\n")[0].Split(' ');
            if (requestLine.Length < 2 || requestLine[0] != "CONNECT")
            {
                await stream.WriteAsync("HTTP/1.1 405 Method Not Allowed\r\n\r\n"u8.ToArray(), _stop.Token);
                return;
            }

            lock (_tunnels)
            {
                _tunnels.Add(requestLine[1]);
            }

            var target = requestLine[1];
            var colon = target.LastIndexOf(':');
            using var upstream = new TcpClient();
            await upstream.ConnectAsync(target[..colon].Trim('[', ']'), int.Parse(target[(colon + 1)..], System.Globalization.CultureInfo.InvariantCulture), _stop.Token);
            await stream.WriteAsync("HTTP/1.1 200 Connection established\r\n\r\n"u8.ToArray(), _stop.Token);
            var up = upstream.GetStream();
            try
            {
                await Task.WhenAny(stream.CopyToAsync(up, _stop.Token), up.CopyToAsync(stream, _stop.Token));
            }
            catch (Exception e) when (e is IOException or OperationCanceledException or SocketException)
            {
            }
        }
    }
}
