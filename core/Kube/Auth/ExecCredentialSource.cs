using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Netguard.Core.Kube.Config;
using Netguard.Core.Kube.Errors;

namespace Netguard.Core.Kube.Auth;

/// <summary>
/// client-go's exec credential plugin protocol (client.authentication.k8s.io v1 and v1beta1): runs the
/// command with its args as given, its env and KUBERNETES_EXEC_INFO; caches the credential until its
/// expirationTimestamp; runs again once when the server answers 401.
/// </summary>
internal sealed partial class ExecCredentialSource : IKubeCredentialSource, IDisposable
{
    private readonly KubeExecConfig _exec;
    private readonly KubeClientOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly bool _stdinIsTerminal;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private KubeCredential? _cached;
    private DateTimeOffset? _expiry;

    public ExecCredentialSource(KubeClientOptions options, TimeProvider time, ILogger logger, bool stdinIsTerminal)
    {
        _exec = options.Exec ?? throw new ArgumentException("no exec config", nameof(options));
        _options = options;
        _time = time;
        _logger = logger;
        _stdinIsTerminal = stdinIsTerminal;
    }

    public async ValueTask<KubeCredential> GetAsync(CancellationToken cancellationToken)
    {
        var cached = Volatile.Read(ref _cached);
        if (cached is not null && !Expired())
        {
            return cached;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_cached is not null && !Expired())
            {
                return _cached;
            }

            return await RunAsync(cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask<KubeCredential?> RefreshAsync(KubeCredential rejected, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_cached is not null && !ReferenceEquals(_cached, rejected) && !Expired())
            {
                return _cached; // another request refreshed already
            }

            LogRefreshAfterUnauthorized(_logger, _exec.Command);
            var fresh = await RunAsync(cancellationToken);
            return fresh;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    private bool Expired() => _expiry is { } expiry && _time.GetUtcNow() >= expiry;

    private async Task<KubeCredential> RunAsync(CancellationToken cancellationToken)
    {
        var interactive = _exec.InteractiveMode != ExecInteractiveMode.Never && _stdinIsTerminal;
        if (_exec.InteractiveMode == ExecInteractiveMode.Always && !_stdinIsTerminal)
        {
            throw new KubeCredentialException($"exec plugin \"{_exec.Command}\" requires an interactive terminal (interactiveMode: Always) but standard input is not one");
        }

        var start = new ProcessStartInfo(_exec.Command)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = !interactive,
            RedirectStandardInput = !interactive,
        };
        foreach (var arg in _exec.Args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in _exec.Env)
        {
            start.Environment[name] = value;
        }

        start.Environment["KUBERNETES_EXEC_INFO"] = ExecInfo(interactive);

        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            var hint = string.IsNullOrWhiteSpace(_exec.InstallHint) ? "" : " (" + _exec.InstallHint.Trim().ReplaceLineEndings(" ") + ")";
            throw new KubeCredentialException($"exec plugin: cannot run \"{_exec.Command}\": {e.Message}{hint}", e);
        }

        LogPluginRun(_logger, _exec.Command);
        if (!interactive)
        {
            process.StandardInput.Close();
        }

        var stdoutTask = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderrTask = interactive ? Task.FromResult("") : process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        var stdout = await stdoutTask;
        var stderr = await stderrTask;
        if (process.ExitCode != 0)
        {
            var last = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
            throw new KubeCredentialException($"exec plugin \"{_exec.Command}\" failed with exit code {process.ExitCode}" + (last is null ? "" : ": " + last));
        }

        var credential = Parse(stdout);
        _cached = credential.Credential;
        _expiry = credential.Expiry;
        return credential.Credential;
    }

    private (KubeCredential Credential, DateTimeOffset? Expiry) Parse(string stdout)
    {
        JsonObject root;
        try
        {
            root = JsonNode.Parse(stdout) as JsonObject ?? throw new JsonException("not a JSON object");
        }
        catch (JsonException e)
        {
            throw new KubeCredentialException($"exec plugin \"{_exec.Command}\" printed invalid ExecCredential JSON: {e.Message}", e);
        }

        var apiVersion = (string?)root["apiVersion"];
        if (apiVersion != _exec.ApiVersion)
        {
            throw new KubeCredentialException($"exec plugin \"{_exec.Command}\" returned apiVersion \"{apiVersion}\", want \"{_exec.ApiVersion}\"");
        }

        if ((string?)root["kind"] != "ExecCredential")
        {
            throw new KubeCredentialException($"exec plugin \"{_exec.Command}\" returned kind \"{(string?)root["kind"]}\", want ExecCredential");
        }

        if (root["status"] is not JsonObject status)
        {
            throw new KubeCredentialException($"exec plugin \"{_exec.Command}\" returned no status");
        }

        var token = (string?)status["token"];
        var certData = (string?)status["clientCertificateData"];
        var keyData = (string?)status["clientKeyData"];
        if (string.IsNullOrEmpty(token) && (string.IsNullOrEmpty(certData) || string.IsNullOrEmpty(keyData)))
        {
            throw new KubeCredentialException($"exec plugin \"{_exec.Command}\" returned neither a token nor a client certificate and key");
        }

        if (string.IsNullOrEmpty(certData) != string.IsNullOrEmpty(keyData))
        {
            throw new KubeCredentialException($"exec plugin \"{_exec.Command}\" returned a client certificate without its key (or the reverse)");
        }

        System.Security.Cryptography.X509Certificates.X509Certificate2? certificate = null;
        if (!string.IsNullOrEmpty(certData))
        {
            try
            {
                certificate = PemCertificates.FromPem(System.Text.Encoding.UTF8.GetBytes(certData), System.Text.Encoding.UTF8.GetBytes(keyData!));
            }
            catch (System.Security.Cryptography.CryptographicException e)
            {
                throw new KubeCredentialException($"exec plugin \"{_exec.Command}\" returned an unusable client certificate: {e.Message}", e);
            }
        }

        DateTimeOffset? expiry = null;
        if ((string?)status["expirationTimestamp"] is { Length: > 0 } expiryText)
        {
            if (!DateTimeOffset.TryParse(expiryText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
            {
                throw new KubeCredentialException($"exec plugin \"{_exec.Command}\" returned an invalid expirationTimestamp \"{expiryText}\"");
            }

            expiry = parsed;
        }

        return (new KubeCredential(string.IsNullOrEmpty(token) ? null : "Bearer " + token, certificate), expiry);
    }

    private string ExecInfo(bool interactive)
    {
        var spec = new JsonObject { ["interactive"] = interactive };
        if (_exec.ProvideClusterInfo)
        {
            var cluster = new JsonObject { ["server"] = _options.Server.OriginalString.TrimEnd('/') };
            if (_options.TlsServerName is not null)
            {
                cluster["tls-server-name"] = _options.TlsServerName;
            }

            if (_options.InsecureSkipTlsVerify)
            {
                cluster["insecure-skip-tls-verify"] = true;
            }

            var ca = _options.CertificateAuthorityData
                ?? (_options.CertificateAuthorityFile is { } file && File.Exists(file) ? File.ReadAllBytes(file) : null);
            if (ca is not null)
            {
                cluster["certificate-authority-data"] = Convert.ToBase64String(ca);
            }

            if (_options.ProxyUrl is not null)
            {
                cluster["proxy-url"] = _options.ProxyUrl.OriginalString;
            }

            if (_options.ExecClusterConfig is not null)
            {
                cluster["config"] = _options.ExecClusterConfig.DeepClone();
            }

            spec["cluster"] = cluster;
        }

        var info = new JsonObject
        {
            ["kind"] = "ExecCredential",
            ["apiVersion"] = _exec.ApiVersion,
            ["spec"] = spec,
        };
        return info.ToJsonString();
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "running exec credential plugin {Command}")]
    private static partial void LogPluginRun(ILogger logger, string command);

    [LoggerMessage(Level = LogLevel.Information, Message = "server answered 401; refreshing credentials from exec plugin {Command}")]
    private static partial void LogRefreshAfterUnauthorized(ILogger logger, string command);
}
