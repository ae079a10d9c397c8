using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Netguard.Core.Kube.Auth;
using Netguard.Core.Kube.Config;
using Netguard.Core.Kube.Errors;
using Netguard.Core.Kube.Http;
using Netguard.Core.Kube.Models;
using Netguard.Core.Kube.Resources;

namespace Netguard.Core.Kube.Client;

/// <summary>
/// The Kubernetes API client: one HTTP connection pool (SocketsHttpHandler) per instance, TLS and
/// credentials from <see cref="KubeClientOptions"/>. Thread-safe; create one per process and share it.
/// </summary>
public sealed class KubeClient : IKubeClient, IDisposable
{
    private readonly HttpClient _http;
    private readonly ServerCertificateValidator _validator;
    private readonly ExecCredentialSource? _ownedSource;
    private readonly string _baseUrl;

    /// <param name="options">Where and how to connect.</param>
    /// <param name="logger">Diagnostics (exec plugin runs, credential refreshes).</param>
    /// <param name="timeProvider">Clock for credential expiry.</param>
    /// <param name="stdinIsTerminal">Whether exec plugins may be interactive; defaults to whether the process's stdin is a terminal.</param>
    public KubeClient(KubeClientOptions options, ILogger? logger = null, TimeProvider? timeProvider = null, bool? stdinIsTerminal = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
        logger ??= NullLogger.Instance;
        timeProvider ??= TimeProvider.System;
        _baseUrl = options.Server.GetLeftPart(UriPartial.Path).TrimEnd('/');

        var authorities = KubeHttpTransport.LoadAuthorities(options);
        var staticCertificate = options.ClientCertificateData is not null || options.ClientCertificateFile is not null
            ? PemCertificates.LoadClientCertificate(options)
            : null;
        _validator = new ServerCertificateValidator(authorities, options.InsecureSkipTlsVerify, options.TlsServerName ?? options.Server.IdnHost);
        var slot = new ClientCertificateSlot(staticCertificate);

        IKubeCredentialSource source;
        if (options.BearerToken is not null)
        {
            source = new StaticCredentialSource(new KubeCredential("Bearer " + options.BearerToken, null));
        }
        else if (options.BearerTokenFile is not null)
        {
            source = new TokenFileCredentialSource(options.BearerTokenFile, timeProvider);
        }
        else if (options.Username is not null)
        {
            var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{options.Username}:{options.Password}"));
            source = new StaticCredentialSource(new KubeCredential("Basic " + basic, null));
        }
        else if (options.Exec is not null)
        {
            var exec = new ExecCredentialSource(options, timeProvider, logger, stdinIsTerminal ?? !Console.IsInputRedirected);
            _ownedSource = exec;
            source = exec;
        }
        else
        {
            source = new StaticCredentialSource(KubeCredential.None);
        }

        HttpMessageHandler handler = new CertificateRotatingHandler(slot, certificate => KubeHttpTransport.Create(options, _validator, certificate));
        handler = new KubeAuthHandler(source, slot, options.ImpersonateUser, options.ImpersonateGroups, handler);
        if (options.TlsServerName is not null)
        {
            handler = new TlsServerNameHandler(options.TlsServerName, options.Server.Port, handler);
        }

        _http = new HttpClient(handler, disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
        _http.DefaultRequestHeaders.UserAgent.TryParseAdd(options.UserAgent);
        _http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
    }

    public KubeClientOptions Options { get; }

    public string DefaultNamespace => Options.Namespace;

    public Uri Server => Options.Server;

    public async Task<VersionInfo> GetVersionAsync(CancellationToken cancellationToken = default) =>
        await SendAsync(HttpMethod.Get, "/version", null, KubeJsonContext.Default.VersionInfo, cancellationToken);

    public async Task<T> GetAsync<T>(KubeResourceType<T> type, string? ns, string name, CancellationToken cancellationToken = default)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentException.ThrowIfNullOrEmpty(name);
        return await SendAsync(HttpMethod.Get, type.Resource.ItemPath(ns, name), null, type.Item, cancellationToken);
    }

    public async Task<KubeList<T>> ListAsync<T>(KubeResourceType<T> type, string? ns, ListOptions? options = null, CancellationToken cancellationToken = default)
        where T : class
    {
        KubeList<T>? result = null;
        await foreach (var page in ListPagesAsync(type, ns, options, cancellationToken))
        {
            if (result is null)
            {
                result = page;
            }
            else
            {
                result.Items.AddRange(page.Items);
            }
        }

        result!.Metadata ??= new ListMeta();
        result.Metadata.Continue = null;
        result.Metadata.RemainingItemCount = null;
        return result;
    }

    public async IAsyncEnumerable<KubeList<T>> ListPagesAsync<T>(
        KubeResourceType<T> type, string? ns, ListOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(type);
        options ??= new ListOptions();
        string? continueToken = null;
        do
        {
            var query = new QueryBuilder()
                .Add("labelSelector", options.LabelSelector)
                .Add("fieldSelector", options.FieldSelector)
                .Add("limit", options.Limit > 0 ? options.Limit.ToString(System.Globalization.CultureInfo.InvariantCulture) : null)
                .Add("continue", continueToken)
                // resourceVersion applies to the first page only; continue tokens carry the snapshot.
                .Add("resourceVersion", continueToken is null ? options.ResourceVersion : null);
            var page = await SendAsync(HttpMethod.Get, type.Resource.CollectionPath(ns) + query, null, type.List, cancellationToken);
            continueToken = page.Metadata?.Continue is { Length: > 0 } next ? next : null;
            yield return page;
        }
        while (continueToken is not null);
    }

    public async IAsyncEnumerable<KubeWatchEvent<T>> WatchAsync<T>(
        KubeResourceType<T> type, string? ns, WatchOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(type);
        options ??= new WatchOptions();
        var query = new QueryBuilder()
            .Add("watch", "true")
            .Add("labelSelector", options.LabelSelector)
            .Add("fieldSelector", options.FieldSelector)
            .Add("resourceVersion", options.ResourceVersion)
            .Add("allowWatchBookmarks", options.AllowWatchBookmarks ? "true" : null)
            .Add("timeoutSeconds", options.TimeoutSeconds?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var uri = new Uri(_baseUrl + type.Resource.CollectionPath(ns) + query);
        using var response = await SendRawAsync(HttpMethod.Get, uri, null, stream: true, cancellationToken);
        Stream stream;
        try
        {
            stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            throw KubeErrorTranslator.Connection(e, Options.Server, _validator);
        }

        using var reader = new StreamReader(stream, Encoding.UTF8);
        while (true)
        {
            string? line;
            try
            {
                line = await reader.ReadLineAsync(cancellationToken);
            }
            catch (Exception e) when (e is HttpRequestException or IOException)
            {
                throw KubeErrorTranslator.Connection(e, Options.Server, _validator);
            }

            if (line is null)
            {
                yield break;
            }

            if (line.Length == 0)
            {
                continue;
            }

            yield return ParseWatchLine(line, type);
        }
    }

    public async Task<T> CreateAsync<T>(KubeResourceType<T> type, string? ns, T item, WriteOptions? options = null, CancellationToken cancellationToken = default)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(type);
        var content = Json(item, type);
        return await SendAsync(HttpMethod.Post, type.Resource.CollectionPath(ns) + WriteQuery(options), content, type.Item, cancellationToken);
    }

    public async Task<T> UpdateAsync<T>(KubeResourceType<T> type, string? ns, string name, T item, WriteOptions? options = null, CancellationToken cancellationToken = default)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentException.ThrowIfNullOrEmpty(name);
        var content = Json(item, type);
        return await SendAsync(HttpMethod.Put, type.Resource.ItemPath(ns, name) + WriteQuery(options), content, type.Item, cancellationToken);
    }

    public async Task<T> PatchAsync<T>(KubeResourceType<T> type, string? ns, string name, KubePatch patch, WriteOptions? options = null, CancellationToken cancellationToken = default)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(patch);
        ArgumentException.ThrowIfNullOrEmpty(name);
        var fieldManager = patch.FieldManager ?? options?.FieldManager;
        var query = new QueryBuilder()
            .Add("fieldManager", fieldManager)
            .Add("force", patch.Type == KubePatchType.Apply && patch.Force ? "true" : null)
            .Add("dryRun", options?.DryRun == true ? "All" : null);
        var content = new StringContent(patch.Body, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue(patch.ContentType);
        return await SendAsync(HttpMethod.Patch, type.Resource.ItemPath(ns, name) + query, content, type.Item, cancellationToken);
    }

    public async Task DeleteAsync(KubeResource resource, string? ns, string name, DeleteOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentException.ThrowIfNullOrEmpty(name);
        var query = new QueryBuilder()
            .Add("propagationPolicy", options?.PropagationPolicy)
            .Add("gracePeriodSeconds", options?.GracePeriodSeconds?.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Add("dryRun", options?.DryRun == true ? "All" : null);
        var uri = new Uri(_baseUrl + resource.ItemPath(ns, name) + query);
        using var response = await SendRawAsync(HttpMethod.Delete, uri, null, stream: false, cancellationToken);
    }

    public void Dispose()
    {
        _http.Dispose();
        _ownedSource?.Dispose();
    }

    private static KubeWatchEvent<T> ParseWatchLine<T>(string line, KubeResourceType<T> type)
        where T : class
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            var kind = root.TryGetProperty("type", out var t) ? t.GetString() : null;
            if (!root.TryGetProperty("object", out var obj) || obj.ValueKind != JsonValueKind.Object)
            {
                throw new JsonException("the event has no object");
            }

            if (kind == "ERROR")
            {
                var status = obj.Deserialize(KubeJsonContext.Default.ApiStatus) ?? new ApiStatus();
                throw KubeApiException.From(status, status.Code ?? 500);
            }

            var eventType = kind switch
            {
                "ADDED" => WatchEventType.Added,
                "MODIFIED" => WatchEventType.Modified,
                "DELETED" => WatchEventType.Deleted,
                "BOOKMARK" => WatchEventType.Bookmark,
                _ => throw new JsonException($"unknown watch event type \"{kind}\""),
            };
            string? resourceVersion = null;
            if (obj.TryGetProperty("metadata", out var meta) && meta.ValueKind == JsonValueKind.Object
                && meta.TryGetProperty("resourceVersion", out var rv) && rv.ValueKind == JsonValueKind.String)
            {
                resourceVersion = rv.GetString();
            }

            var item = obj.Deserialize(type.Item) ?? throw new JsonException("null object");
            return new KubeWatchEvent<T>(eventType, item, resourceVersion);
        }
        catch (JsonException e)
        {
            var status = new ApiStatus { Code = 500, Reason = "InternalError", Message = $"malformed watch event from the server: {e.Message}" };
            throw new KubeApiException(status, 500);
        }
    }

    private static ByteArrayContent Json<T>(T item, KubeResourceType<T> type)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(item);
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(item, type.Item));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }

    private static QueryBuilder WriteQuery(WriteOptions? options) => new QueryBuilder()
        .Add("fieldManager", options?.FieldManager)
        .Add("dryRun", options?.DryRun == true ? "All" : null);

    private async Task<T> SendAsync<T>(HttpMethod method, string pathAndQuery, HttpContent? content, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
    {
        var uri = new Uri(_baseUrl + pathAndQuery);
        using var timeout = CreateTimeout(cancellationToken);
        var token = timeout?.Token ?? cancellationToken;
        try
        {
            using var response = await SendWithRetryAsync(method, uri, content, token);
            var bytes = await response.Content.ReadAsByteArrayAsync(token);
            try
            {
                return JsonSerializer.Deserialize(bytes, typeInfo) ?? throw new JsonException("empty response");
            }
            catch (JsonException e)
            {
                throw new KubeApiException(new ApiStatus { Code = 500, Message = $"unreadable response to {method} {uri.AbsolutePath}: {e.Message}" }, 500);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && timeout is not null && timeout.IsCancellationRequested)
        {
            throw KubeErrorTranslator.Timeout(Options.RequestTimeout!.Value, method, uri);
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            throw KubeErrorTranslator.Connection(e, Options.Server, _validator);
        }
    }

    /// <summary>
    /// Like client-go, a GET that dies on a connection the server dropped (<see cref="KubeConnectionException.IsDropped"/>)
    /// is sent again, a few times with a short pause: reads are safe to repeat, and API servers and load balancers
    /// close idle and busy connections routinely.
    /// </summary>
    private async Task<HttpResponseMessage> SendWithRetryAsync(HttpMethod method, Uri uri, HttpContent? content, CancellationToken cancellationToken)
    {
        const int Attempts = 3;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await SendRawAsync(method, uri, content, stream: false, cancellationToken);
            }
            catch (KubeConnectionException e) when (method == HttpMethod.Get && attempt < Attempts && e.IsDropped)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100 * attempt), cancellationToken);
            }
        }
    }

    private CancellationTokenSource? CreateTimeout(CancellationToken cancellationToken)
    {
        if (Options.RequestTimeout is not { } limit)
        {
            return null;
        }

        var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(limit);
        return cts;
    }

    /// <summary>Sends and returns a success response; error statuses throw <see cref="KubeApiException"/>.</summary>
    private async Task<HttpResponseMessage> SendRawAsync(HttpMethod method, Uri uri, HttpContent? content, bool stream, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, uri) { Content = content };
        HttpResponseMessage response;
        using var timeout = stream ? CreateTimeout(cancellationToken) : null;
        try
        {
            response = await _http.SendAsync(request, stream ? HttpCompletionOption.ResponseHeadersRead : HttpCompletionOption.ResponseContentRead, timeout?.Token ?? cancellationToken);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && timeout is not null && timeout.IsCancellationRequested)
        {
            throw KubeErrorTranslator.Timeout(Options.RequestTimeout!.Value, method, uri);
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            throw KubeErrorTranslator.Connection(e, Options.Server, _validator);
        }

        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            throw KubeErrorTranslator.Api((int)response.StatusCode, body);
        }
    }
}
