using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Netguard.Core.JsonPatch;
using Netguard.Core.Kube.Resources;
using Netguard.Testing.Certificates;

namespace Netguard.Testing.FakeApiServer;

/// <summary>
/// A Kubernetes API server stand-in on loopback Kestrel over HTTPS (certificate from its own <see cref="Pki"/>):
/// objects stored per resource as JSON, get/list (limit/continue, label and field selectors)/watch
/// (replay from resourceVersion, bookmarks, ERROR 410 after compaction, injected disconnects)/create/
/// update (409 on stale resourceVersion)/patch (JSON, merge, strategic as merge, apply)/delete, /version,
/// client-certificate, bearer and basic authentication, injected failures, and a request log.
/// </summary>
public sealed class FakeKubeApiServer : IAsyncDisposable
{
    private readonly FakeKubeApiServerOptions _options;
    private readonly WebApplication _app;
    private readonly TestCertificate _serverCertificate;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, SortedDictionary<string, JsonObject>> _objects = new(StringComparer.Ordinal);
    private readonly List<(long Rv, string ResourceKey, string Type, JsonObject Object)> _events = [];
    private readonly List<FakeWatcher> _watchers = [];
    private readonly List<FakeFailure> _failures = [];
    private readonly ConcurrentQueue<FakeRequest> _requests = new();
    private readonly ConcurrentDictionary<string, string> _tokens = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _serverNames = new();
    private long _resourceVersion = 100;
    private long _compactedThrough;

    private FakeKubeApiServer(FakeKubeApiServerOptions options)
    {
        _options = options;
        // EC keys: generated in microseconds, where RSA 2048 costs the test suite seconds.
        Pki = new TestPki(TestKeyAlgorithm.EcdsaP256);
        _serverCertificate = Pki.Authority.IssueServer(options.ServerNames, TestKeyAlgorithm.EcdsaP256);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(https =>
            {
                https.ServerCertificateSelector = (_, name) =>
                {
                    _serverNames.Enqueue(name ?? "");
                    return _serverCertificate.Certificate;
                };
                https.ClientCertificateMode = ClientCertificateMode.AllowCertificate;
                https.ClientCertificateValidation = (certificate, _, _) => ChainsToPki(certificate);
            }));
        });
        _app = builder.Build();
        _app.Run(HandleAsync);
    }

    /// <summary>The CA that signed the serving certificate; issue client certificates from it too.</summary>
    public TestPki Pki { get; }

    /// <summary>https://127.0.0.1:PORT</summary>
    public Uri Url { get; private set; } = null!;

    /// <summary>PEM file of the CA (a kubeconfig certificate-authority).</summary>
    public string CaCertificatePath => Pki.CaCertificatePath;

    /// <summary>The current resourceVersion counter.</summary>
    public long ResourceVersion => Interlocked.Read(ref _resourceVersion);

    /// <summary>Every request so far, oldest first.</summary>
    public IReadOnlyList<FakeRequest> Requests => _requests.ToArray();

    /// <summary>TLS server names (SNI) clients asked for; "" when they sent none (IP address URLs).</summary>
    public IReadOnlyList<string> ServerNamesSeen => _serverNames.ToArray();

    /// <summary>Delay before answering every non-watch request (for timeout tests).</summary>
    public TimeSpan ResponseDelay { get; set; }

    /// <summary>Number of watch streams open now.</summary>
    public int OpenWatches
    {
        get
        {
            lock (_gate)
            {
                return _watchers.Count;
            }
        }
    }

    public static async Task<FakeKubeApiServer> StartAsync(FakeKubeApiServerOptions? options = null)
    {
        var server = new FakeKubeApiServer(options ?? new FakeKubeApiServerOptions());
        await server._app.StartAsync();
        var address = server._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var port = new Uri(address).Port;
        server.Url = new Uri($"https://127.0.0.1:{port}");
        return server;
    }

    /// <summary>Accept <paramref name="token"/> as bearer token of <paramref name="user"/>.</summary>
    public void AcceptToken(string token, string user = "token-user") => _tokens[token] = user;

    public void RevokeToken(string token) => _tokens.TryRemove(token, out _);

    /// <summary>Answer the next matching request(s) with an error Status instead.</summary>
    public void Fail(FakeFailure failure)
    {
        lock (_gate)
        {
            _failures.Add(failure);
        }
    }

    /// <summary>Answer the next request whose path starts with <paramref name="pathPrefix"/> (and method, if given) with an error.</summary>
    public void Fail(string pathPrefix, int code, string reason, string message, string? method = null, int times = 1) =>
        Fail(new FakeFailure(r => r.Path.StartsWith(pathPrefix, StringComparison.Ordinal) && (method is null || r.Method == method), code, reason, message) { Times = times });

    /// <summary>Close the connection of the next request(s) whose path starts with <paramref name="pathPrefix"/>, unanswered.</summary>
    public void Drop(string pathPrefix, int times = 1) =>
        Fail(new FakeFailure(r => r.Path.StartsWith(pathPrefix, StringComparison.Ordinal), 0, "", "") { Times = times, Drop = true });

    /// <summary>
    /// Stores (creates or replaces) an object, as if a controller wrote it; open watchers see ADDED or
    /// MODIFIED unless <paramref name="notifyWatchers"/> is false (an event the open streams miss; it
    /// stays in the history that later watches replay until <see cref="Compact"/>).
    /// </summary>
    public JsonObject Upsert(KubeResource resource, JsonObject obj, bool notifyWatchers = true)
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(obj);
        lock (_gate)
        {
            var copy = (JsonObject)obj.DeepClone();
            EnsureTypeMeta(resource, copy);
            var key = KeyOf(copy);
            var store = Store(ResourceKey(resource));
            var existed = store.ContainsKey(key);
            return Write(ResourceKey(resource), key, copy, existed ? "MODIFIED" : "ADDED", notifyWatchers);
        }
    }

    /// <summary>Removes an object; open watchers see DELETED unless <paramref name="notifyWatchers"/> is false.</summary>
    public bool Remove(KubeResource resource, string? ns, string name, bool notifyWatchers = true)
    {
        ArgumentNullException.ThrowIfNull(resource);
        lock (_gate)
        {
            var rk = ResourceKey(resource);
            var store = Store(rk);
            var key = ns is null || !resource.Namespaced ? name : $"{ns}/{name}";
            if (!store.Remove(key, out var obj))
            {
                return false;
            }

            obj["metadata"]!["resourceVersion"] = NextRv().ToString(CultureInfo.InvariantCulture);
            Publish(rk, "DELETED", obj, notifyWatchers);
            return true;
        }
    }

    /// <summary>The stored object, or null.</summary>
    public JsonObject? Get(KubeResource resource, string? ns, string name)
    {
        ArgumentNullException.ThrowIfNull(resource);
        lock (_gate)
        {
            var key = ns is null || !resource.Namespaced ? name : $"{ns}/{name}";
            return Store(ResourceKey(resource)).TryGetValue(key, out var obj) ? (JsonObject)obj.DeepClone() : null;
        }
    }

    /// <summary>All stored objects of a resource.</summary>
    public IReadOnlyList<JsonObject> List(KubeResource resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        lock (_gate)
        {
            return Store(ResourceKey(resource)).Values.Select(o => (JsonObject)o.DeepClone()).ToList();
        }
    }

    /// <summary>Sends a BOOKMARK at the current resourceVersion to watchers of the resource that asked for bookmarks.</summary>
    public void SendBookmark(KubeResource resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        lock (_gate)
        {
            var rv = NextRv().ToString(CultureInfo.InvariantCulture);
            var bookmark = new JsonObject
            {
                ["kind"] = resource.Kind,
                ["apiVersion"] = resource.ApiVersion,
                ["metadata"] = new JsonObject { ["resourceVersion"] = rv },
            };
            foreach (var watcher in _watchers.Where(w => w.ResourceKey == ResourceKey(resource) && w.Bookmarks))
            {
                watcher.Lines.Writer.TryWrite(EventLine("BOOKMARK", bookmark));
            }
        }
    }

    /// <summary>
    /// Forgets the event history up to now (etcd compaction): a watch or continue token from an older
    /// resourceVersion gets 410 Gone. With <paramref name="expireOpenWatches"/>, open watches also get an
    /// ERROR 410 event and end, as the API server does when its watch cache falls behind.
    /// </summary>
    public void Compact(bool expireOpenWatches = false)
    {
        lock (_gate)
        {
            _compactedThrough = _resourceVersion;
            _events.Clear();
            if (expireOpenWatches)
            {
                foreach (var watcher in _watchers)
                {
                    watcher.Lines.Writer.TryWrite(EventLine("ERROR", Status(410, "Expired", $"too old resource version: {_compactedThrough}")));
                    watcher.Lines.Writer.TryComplete();
                }
            }
        }
    }

    /// <summary>Sends an ERROR event with the given status to every open watch, then ends those streams.</summary>
    public void SendWatchError(int code, string reason, string message)
    {
        lock (_gate)
        {
            foreach (var watcher in _watchers)
            {
                watcher.Lines.Writer.TryWrite(EventLine("ERROR", Status(code, reason, message)));
                watcher.Lines.Writer.TryComplete();
            }
        }
    }

    /// <summary>Cuts every open watch connection abruptly (no clean end of stream).</summary>
    public void DisconnectWatches()
    {
        lock (_gate)
        {
            foreach (var watcher in _watchers)
            {
                watcher.Abort.Cancel();
            }
        }
    }

    /// <summary>Ends every open watch cleanly, as when the server-side watch timeout expires.</summary>
    public void EndWatches()
    {
        lock (_gate)
        {
            foreach (var watcher in _watchers)
            {
                watcher.Lines.Writer.TryComplete();
            }
        }
    }

    /// <summary>Waits until at least <paramref name="count"/> watches are open.</summary>
    public async Task WaitForWatchesAsync(int count = 1, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (OpenWatches < count)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"expected {count} open watch(es), have {OpenWatches}");
            }

            await Task.Delay(10);
        }
    }

    public async ValueTask DisposeAsync()
    {
        DisconnectWatches();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _serverCertificate.Dispose();
        Pki.Dispose();
    }

    private bool ChainsToPki(X509Certificate2 certificate)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(Pki.Authority.Certificate);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(certificate);
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var body = "";
        if (request.ContentLength > 0 || request.Headers.TransferEncoding.Count > 0)
        {
            using var reader = new StreamReader(request.Body, Encoding.UTF8);
            body = await reader.ReadToEndAsync(context.RequestAborted);
        }

        var clientCert = await context.Connection.GetClientCertificateAsync(context.RequestAborted);
        var user = Authenticate(request, clientCert);
        var serverName = context.Features.Get<Microsoft.AspNetCore.Connections.Features.ITlsHandshakeFeature>()?.HostName;
        var logged = new FakeRequest(
            request.Method,
            request.Path.Value ?? "/",
            request.QueryString.Value ?? "",
            request.Headers.ToDictionary(h => h.Key, h => h.Value.Select(v => v ?? "").ToArray(), StringComparer.OrdinalIgnoreCase),
            body,
            user,
            clientCert?.Subject,
            serverName);
        _requests.Enqueue(logged);

        if (user is null && _options.RequireAuthentication)
        {
            await WriteStatusAsync(context, 401, "Unauthorized", "Unauthorized");
            return;
        }

        if (ResponseDelay > TimeSpan.Zero && logged.QueryValue("watch") is null)
        {
            await Task.Delay(ResponseDelay, context.RequestAborted);
        }

        if (TakeFailure(logged) is { } failure)
        {
            if (failure.Drop)
            {
                context.Abort();
                return;
            }

            await WriteStatusAsync(context, failure.Code, failure.Reason, failure.Message);
            return;
        }

        var segments = logged.Path.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments is ["version"])
        {
            await WriteJsonAsync(context, 200, _options.Version ?? DefaultVersion());
            return;
        }

        if (!TryParse(segments, out var target))
        {
            await WriteStatusAsync(context, 404, "NotFound", "the server could not find the requested resource");
            return;
        }

        await (request.Method switch
        {
            "GET" when target.Name is null && logged.QueryValue("watch") is "true" or "1" => WatchAsync(context, target, logged),
            "GET" when target.Name is null => ListAsync(context, target, logged),
            "GET" => GetAsync(context, target),
            "POST" when target.Name is null => CreateAsync(context, target, body),
            "PUT" when target.Name is not null => UpdateAsync(context, target, body),
            "PATCH" when target.Name is not null => PatchAsync(context, target, logged),
            "DELETE" when target.Name is not null => DeleteAsync(context, target),
            _ => WriteStatusAsync(context, 405, "MethodNotAllowed", $"the server does not allow this method on the requested resource"),
        });
    }

    private string? Authenticate(HttpRequest request, X509Certificate2? clientCert)
    {
        if (clientCert is not null && ChainsToPki(clientCert))
        {
            return clientCert.GetNameInfo(X509NameType.SimpleName, false);
        }

        var authorization = request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.Ordinal) && _tokens.TryGetValue(authorization[7..], out var tokenUser))
        {
            return tokenUser;
        }

        if (authorization.StartsWith("Basic ", StringComparison.Ordinal))
        {
            try
            {
                var pair = Encoding.UTF8.GetString(Convert.FromBase64String(authorization[6..]));
                var colon = pair.IndexOf(':', StringComparison.Ordinal);
                if (colon > 0 && _options.BasicUsers.TryGetValue(pair[..colon], out var password) && password == pair[(colon + 1)..])
                {
                    return pair[..colon];
                }
            }
            catch (FormatException)
            {
                return null;
            }
        }

        return null;
    }

    private FakeFailure? TakeFailure(FakeRequest request)
    {
        lock (_gate)
        {
            var index = _failures.FindIndex(f => f.Matches(request));
            if (index < 0)
            {
                return null;
            }

            var failure = _failures[index];
            if (failure.Times <= 1)
            {
                _failures.RemoveAt(index);
            }
            else
            {
                _failures[index] = failure with { Times = failure.Times - 1 };
            }

            return failure;
        }
    }

    private async Task GetAsync(HttpContext context, Target target)
    {
        JsonObject? obj;
        lock (_gate)
        {
            obj = Store(target.ResourceKey).TryGetValue(target.Key, out var stored) ? (JsonObject)stored.DeepClone() : null;
        }

        if (obj is null)
        {
            await NotFoundAsync(context, target);
            return;
        }

        await WriteJsonAsync(context, 200, obj);
    }

    private async Task ListAsync(HttpContext context, Target target, FakeRequest request)
    {
        var labels = FakeSelector.Parse(request.QueryValue("labelSelector"), fields: false);
        var fields = FakeSelector.Parse(request.QueryValue("fieldSelector"), fields: true);
        var limit = int.TryParse(request.QueryValue("limit"), CultureInfo.InvariantCulture, out var l) && l > 0 ? l : int.MaxValue;
        var offset = 0;
        if (request.QueryValue("continue") is { Length: > 0 } token)
        {
            var parts = Encoding.UTF8.GetString(Convert.FromBase64String(token)).Split(':');
            var tokenRv = long.Parse(parts[0], CultureInfo.InvariantCulture);
            offset = int.Parse(parts[1], CultureInfo.InvariantCulture);
            // As etcd: compacting at a revision keeps that revision readable; only older snapshots are gone.
            if (tokenRv < Interlocked.Read(ref _compactedThrough))
            {
                await WriteStatusAsync(context, 410, "Expired", "The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter.");
                return;
            }
        }

        JsonArray items;
        long rv;
        int total;
        lock (_gate)
        {
            var all = Store(target.ResourceKey).Values
                .Where(o => (target.Namespace is null || (string?)o["metadata"]?["namespace"] == target.Namespace) && labels.Matches(o) && fields.Matches(o))
                .ToList();
            total = all.Count;
            items = new JsonArray(all.Skip(offset).Take(limit).Select(o => (JsonNode)o.DeepClone()).ToArray());
            rv = _resourceVersion;
        }

        var metadata = new JsonObject { ["resourceVersion"] = rv.ToString(CultureInfo.InvariantCulture) };
        var next = offset + items.Count;
        if (next < total)
        {
            metadata["continue"] = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{rv}:{next}"));
            metadata["remainingItemCount"] = total - next;
        }

        var kind = KubeResource.All.FirstOrDefault(r => ResourceKey(r) == target.ResourceKey)?.Kind ?? "Object";
        await WriteJsonAsync(context, 200, new JsonObject
        {
            ["apiVersion"] = target.ApiVersion,
            ["kind"] = kind + "List",
            ["metadata"] = metadata,
            ["items"] = items,
        });
    }

    private async Task WatchAsync(HttpContext context, Target target, FakeRequest request)
    {
        var watcher = new FakeWatcher(
            target.ResourceKey,
            target.Namespace,
            FakeSelector.Parse(request.QueryValue("labelSelector"), fields: false),
            FakeSelector.Parse(request.QueryValue("fieldSelector"), fields: true),
            request.QueryValue("allowWatchBookmarks") == "true");
        var fromText = request.QueryValue("resourceVersion");
        lock (_gate)
        {
            if (string.IsNullOrEmpty(fromText) || fromText == "0")
            {
                foreach (var obj in Store(target.ResourceKey).Values.Where(watcher.Wants))
                {
                    watcher.Lines.Writer.TryWrite(EventLine("ADDED", obj));
                }
            }
            else if (!long.TryParse(fromText, CultureInfo.InvariantCulture, out var from) || from < _compactedThrough)
            {
                watcher.Lines.Writer.TryWrite(EventLine("ERROR", Status(410, "Expired", $"too old resource version: {fromText} ({_compactedThrough})")));
                watcher.Lines.Writer.TryComplete();
            }
            else
            {
                foreach (var e in _events.Where(e => e.Rv > from && e.ResourceKey == target.ResourceKey && watcher.Wants(e.Object)))
                {
                    watcher.Lines.Writer.TryWrite(EventLine(e.Type, e.Object));
                }
            }

            _watchers.Add(watcher);
        }

        try
        {
            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/json";
            await context.Response.StartAsync(context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
            var timeout = int.TryParse(request.QueryValue("timeoutSeconds"), CultureInfo.InvariantCulture, out var s) ? TimeSpan.FromSeconds(s) : Timeout.InfiniteTimeSpan;
            using var ended = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, watcher.Abort.Token);
            ended.CancelAfter(timeout);
            try
            {
                await foreach (var line in watcher.Lines.Reader.ReadAllAsync(ended.Token))
                {
                    await context.Response.WriteAsync(line, ended.Token);
                    await context.Response.Body.FlushAsync(ended.Token);
                }
            }
            catch (OperationCanceledException)
            {
                if (watcher.Abort.IsCancellationRequested)
                {
                    context.Abort();
                }
            }
        }
        finally
        {
            lock (_gate)
            {
                _watchers.Remove(watcher);
            }

            watcher.Abort.Dispose();
        }
    }

    private async Task CreateAsync(HttpContext context, Target target, string body)
    {
        if (!TryParseObject(body, out var obj))
        {
            await WriteStatusAsync(context, 400, "BadRequest", "the body is not a JSON object");
            return;
        }

        var meta = obj["metadata"] as JsonObject ?? new JsonObject();
        obj["metadata"] = meta;
        if (string.IsNullOrEmpty((string?)meta["name"]) && (string?)meta["generateName"] is { } prefix)
        {
            meta["name"] = prefix + Guid.NewGuid().ToString("N")[..5];
        }

        if (target.Namespace is not null)
        {
            meta["namespace"] = target.Namespace;
        }

        var name = (string?)meta["name"];
        if (string.IsNullOrEmpty(name))
        {
            await WriteStatusAsync(context, 422, "Invalid", "metadata.name: Required value: name or generateName is required");
            return;
        }

        JsonObject stored;
        lock (_gate)
        {
            var key = target.Namespace is null ? name : $"{target.Namespace}/{name}";
            if (Store(target.ResourceKey).ContainsKey(key))
            {
                stored = null!;
            }
            else
            {
                meta["uid"] = Guid.NewGuid().ToString();
                meta["creationTimestamp"] = DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
                stored = Write(target.ResourceKey, key, obj, "ADDED");
            }
        }

        if (stored is null)
        {
            await WriteStatusAsync(context, 409, "AlreadyExists", $"{target.Plural} \"{name}\" already exists");
            return;
        }

        await WriteJsonAsync(context, 201, stored);
    }

    private async Task UpdateAsync(HttpContext context, Target target, string body)
    {
        if (!TryParseObject(body, out var obj))
        {
            await WriteStatusAsync(context, 400, "BadRequest", "the body is not a JSON object");
            return;
        }

        JsonObject? stored;
        var conflict = false;
        lock (_gate)
        {
            var store = Store(target.ResourceKey);
            if (!store.TryGetValue(target.Key, out var current))
            {
                stored = null;
            }
            else
            {
                var sent = (string?)obj["metadata"]?["resourceVersion"];
                if (!string.IsNullOrEmpty(sent) && sent != (string?)current["metadata"]?["resourceVersion"])
                {
                    conflict = true;
                    stored = null;
                }
                else
                {
                    var meta = obj["metadata"] as JsonObject ?? new JsonObject();
                    obj["metadata"] = meta;
                    meta["uid"] = current["metadata"]?["uid"]?.DeepClone();
                    meta["creationTimestamp"] = current["metadata"]?["creationTimestamp"]?.DeepClone();
                    stored = Write(target.ResourceKey, target.Key, obj, "MODIFIED");
                }
            }
        }

        if (conflict)
        {
            await WriteStatusAsync(context, 409, "Conflict", $"Operation cannot be fulfilled on {target.Plural} \"{target.Name}\": the object has been modified; please apply your changes to the latest version and try again");
            return;
        }

        if (stored is null)
        {
            await NotFoundAsync(context, target);
            return;
        }

        await WriteJsonAsync(context, 200, stored);
    }

    private async Task PatchAsync(HttpContext context, Target target, FakeRequest request)
    {
        var contentType = request.Header("Content-Type")?.Split(';')[0].Trim() ?? "";
        if (contentType == "application/apply-patch+yaml" && string.IsNullOrEmpty(request.QueryValue("fieldManager")))
        {
            await WriteStatusAsync(context, 400, "BadRequest", "PatchOptions.meta.k8s.io \"\" is invalid: fieldManager: Required value: is required for apply patch");
            return;
        }

        JsonNode? patch;
        try
        {
            patch = JsonNode.Parse(request.Body);
        }
        catch (JsonException e)
        {
            await WriteStatusAsync(context, 400, "BadRequest", "invalid patch body: " + e.Message);
            return;
        }

        JsonObject? result = null;
        string? error = null;
        var missing = false;
        lock (_gate)
        {
            var store = Store(target.ResourceKey);
            store.TryGetValue(target.Key, out var current);
            if (current is null && contentType != "application/apply-patch+yaml")
            {
                missing = true;
            }
            else
            {
                var working = (JsonObject?)current?.DeepClone() ?? new JsonObject();
                try
                {
                    var patched = contentType switch
                    {
                        "application/json-patch+json" => JsonPatchApplier.Apply(working, ParseOperations(patch)),
                        "application/merge-patch+json" or "application/strategic-merge-patch+json" or "application/apply-patch+yaml" => FakeMergePatch.Apply(working, patch),
                        _ => throw new JsonPatchException($"unsupported patch content type \"{contentType}\""),
                    };
                    if (patched is JsonObject patchedObject)
                    {
                        if (current is null && target.Namespace is not null)
                        {
                            ((JsonObject)(patchedObject["metadata"] ??= new JsonObject()))["namespace"] = target.Namespace;
                        }

                        result = Write(target.ResourceKey, target.Key, patchedObject, current is null ? "ADDED" : "MODIFIED");
                    }
                    else
                    {
                        error = "the patch does not produce an object";
                    }
                }
                catch (JsonPatchException e)
                {
                    error = e.Message;
                }
            }
        }

        if (missing)
        {
            await NotFoundAsync(context, target);
        }
        else if (error is not null)
        {
            await WriteStatusAsync(context, 422, "Invalid", error);
        }
        else
        {
            await WriteJsonAsync(context, 200, result!);
        }
    }

    private async Task DeleteAsync(HttpContext context, Target target)
    {
        JsonObject? removed;
        lock (_gate)
        {
            if (Store(target.ResourceKey).Remove(target.Key, out removed))
            {
                removed["metadata"]!["resourceVersion"] = NextRv().ToString(CultureInfo.InvariantCulture);
                Publish(target.ResourceKey, "DELETED", removed);
            }
        }

        if (removed is null)
        {
            await NotFoundAsync(context, target);
            return;
        }

        await WriteJsonAsync(context, 200, removed);
    }

    private static List<JsonPatchOperation> ParseOperations(JsonNode? patch)
    {
        if (patch is not JsonArray array)
        {
            throw new JsonPatchException("a JSON patch must be an array of operations");
        }

        return array.Select(n => n as JsonObject ?? throw new JsonPatchException("a JSON patch operation must be an object"))
            .Select(o => new JsonPatchOperation((string?)o["op"] ?? "", (string?)o["path"] ?? "", o["value"]?.DeepClone(), (string?)o["from"]))
            .ToList();
    }

    private JsonObject Write(string resourceKey, string key, JsonObject obj, string type, bool notifyWatchers = true)
    {
        var meta = obj["metadata"] as JsonObject ?? new JsonObject();
        obj["metadata"] = meta;
        meta["resourceVersion"] = NextRv().ToString(CultureInfo.InvariantCulture);
        Store(resourceKey)[key] = obj;
        Publish(resourceKey, type, obj, notifyWatchers);
        return (JsonObject)obj.DeepClone();
    }

    private void Publish(string resourceKey, string type, JsonObject obj, bool notifyWatchers = true)
    {
        var snapshot = (JsonObject)obj.DeepClone();
        _events.Add((_resourceVersion, resourceKey, type, snapshot));
        if (!notifyWatchers)
        {
            return;
        }

        foreach (var watcher in _watchers.Where(w => w.ResourceKey == resourceKey && w.Wants(snapshot)))
        {
            watcher.Lines.Writer.TryWrite(EventLine(type, snapshot));
        }
    }

    private long NextRv() => Interlocked.Increment(ref _resourceVersion);

    private SortedDictionary<string, JsonObject> Store(string resourceKey)
    {
        if (!_objects.TryGetValue(resourceKey, out var store))
        {
            store = new SortedDictionary<string, JsonObject>(StringComparer.Ordinal);
            _objects[resourceKey] = store;
        }

        return store;
    }

    private static string EventLine(string type, JsonObject obj) =>
        new JsonObject { ["type"] = type, ["object"] = obj.DeepClone() }.ToJsonString() + "\n";

    private static void EnsureTypeMeta(KubeResource resource, JsonObject obj)
    {
        obj["apiVersion"] ??= resource.ApiVersion;
        obj["kind"] ??= resource.Kind;
        obj["metadata"] ??= new JsonObject();
    }

    private static string KeyOf(JsonObject obj)
    {
        var name = (string?)obj["metadata"]?["name"] ?? throw new ArgumentException("object has no metadata.name");
        var ns = (string?)obj["metadata"]?["namespace"];
        return string.IsNullOrEmpty(ns) ? name : $"{ns}/{name}";
    }

    private static string ResourceKey(KubeResource resource) => $"{resource.Group}/{resource.Version}/{resource.Plural}";

    private static bool TryParse(string[] segments, out Target target)
    {
        target = default;
        string group;
        string version;
        string[] rest;
        if (segments.Length >= 3 && segments[0] == "api")
        {
            (group, version, rest) = ("", segments[1], segments[2..]);
        }
        else if (segments.Length >= 4 && segments[0] == "apis")
        {
            (group, version, rest) = (segments[1], segments[2], segments[3..]);
        }
        else
        {
            return false;
        }

        string? ns = null;
        if (rest.Length >= 3 && rest[0] == "namespaces")
        {
            ns = Uri.UnescapeDataString(rest[1]);
            rest = rest[2..];
        }

        if (rest.Length is 0 or > 2)
        {
            return false;
        }

        var name = rest.Length == 2 ? Uri.UnescapeDataString(rest[1]) : null;
        target = new Target(group, version, rest[0], ns, name);
        return true;
    }

    private static bool TryParseObject(string body, out JsonObject obj)
    {
        try
        {
            obj = JsonNode.Parse(body) as JsonObject ?? new JsonObject();
            return body.Length > 0;
        }
        catch (JsonException)
        {
            obj = new JsonObject();
            return false;
        }
    }

    private static Task NotFoundAsync(HttpContext context, Target target) =>
        WriteStatusAsync(context, 404, "NotFound", $"{target.Plural} \"{target.Name}\" not found");

    private static JsonObject Status(int code, string reason, string message) => new()
    {
        ["kind"] = "Status",
        ["apiVersion"] = "v1",
        ["metadata"] = new JsonObject(),
        ["status"] = "Failure",
        ["message"] = message,
        ["reason"] = reason,
        ["code"] = code,
    };

    private static Task WriteStatusAsync(HttpContext context, int code, string reason, string message) =>
        WriteJsonAsync(context, code, Status(code, reason, message));

    private static async Task WriteJsonAsync(HttpContext context, int code, JsonNode body)
    {
        context.Response.StatusCode = code;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body.ToJsonString(), context.RequestAborted);
    }

    private static JsonObject DefaultVersion() => new()
    {
        ["major"] = "1",
        ["minor"] = "31",
        ["gitVersion"] = "v1.31.2",
        ["gitCommit"] = "5864a4677267e6adeae276ad85882a8714d69d9d",
        ["gitTreeState"] = "clean",
        ["buildDate"] = "2024-10-22T20:28:14Z",
        ["goVersion"] = "go1.22.8",
        ["compiler"] = "gc",
        ["platform"] = "linux/amd64",
    };

    private readonly record struct Target(string Group, string Version, string Plural, string? Namespace, string? Name)
    {
        public string ResourceKey => $"{Group}/{Version}/{Plural}";

        public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

        public string Key => Namespace is null ? Name! : $"{Namespace}/{Name}";
    }
}
