using System.Buffers;
using System.Diagnostics;
using System.IO.Pipelines;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Netguard.Core.Kube.Models;
using Netguard.Webhook.Logging;
using Netguard.Webhook.Metrics;

namespace Netguard.Webhook.Admission;

/// <summary>
/// The HTTP shell of /mutate and /validate: reads the body (bounded), parses it, asks the
/// <see cref="AdmissionReviewer"/>, writes the AdmissionReview answer. Bad input gets HTTP 400 with a one-line
/// reason; nothing a client sends can produce a 500.
/// </summary>
public sealed class AdmissionHttpHandler
{
    private const string JsonContentType = "application/json";
    private const string TextContentType = "text/plain; charset=utf-8";

    // One reusable serialization buffer per thread: the response is written synchronously into it, copied into
    // the response pipe, and the buffer is reset before any await.
    // Minimal escaping: the answer goes to the API server, not into HTML, so '<' or '&' in a message need not
    // become \u003C / \u0026.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    private readonly AdmissionReviewer _reviewer;
    private readonly WebhookMetrics _metrics;
    private readonly ILogger _logger;
    private readonly int _maxBodyBytes;
    private readonly string _tooLarge;

    public AdmissionHttpHandler(AdmissionReviewer reviewer, WebhookMetrics metrics, ILogger<AdmissionHttpHandler> logger, int maxBodyBytes)
    {
        _reviewer = reviewer;
        _metrics = metrics;
        _logger = logger;
        _maxBodyBytes = maxBodyBytes;
        _tooLarge = $"request body exceeds the limit of {FormatSize(maxBodyBytes)}";
    }

    public Task Mutate(HttpContext context) => HandleAsync(context, AdmissionEndpoint.Mutate);

    public Task Validate(HttpContext context) => HandleAsync(context, AdmissionEndpoint.Validate);

    public async Task HandleAsync(HttpContext context, AdmissionEndpoint endpoint)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(endpoint);
        var started = Stopwatch.GetTimestamp();
        _metrics.RequestStarted();
        var kind = AdmissionKinds.Other;
        var decision = AdmissionVerdict.Invalid;
        try
        {
            if (context.Request.ContentLength > _maxBodyBytes)
            {
                // Answer without reading; Kestrel drains the rest of the body so the connection stays usable.
                await WriteBadRequestAsync(context, endpoint, _tooLarge);
                return;
            }

            var reader = context.Request.BodyReader;
            ReadResult read;
            try
            {
                read = await ReadToEndAsync(reader, _maxBodyBytes, context.RequestAborted);
            }
            catch (BadHttpRequestException e)
            {
                // Kestrel's own limits (truncated chunked body, hard body cap): still a one-line 400.
                await WriteBadRequestAsync(context, endpoint, e.StatusCode == StatusCodes.Status413PayloadTooLarge ? _tooLarge : AdmissionReviewParser.OneLine(e.Message));
                return;
            }

            if (read.Buffer.Length > _maxBodyBytes)
            {
                reader.AdvanceTo(read.Buffer.End);
                await WriteBadRequestAsync(context, endpoint, _tooLarge);
                return;
            }

            AdmissionVerdict verdict;
            try
            {
                verdict = AdmissionReviewParser.TryParse(read.Buffer, out var request, out var error)
                    ? _reviewer.Review(endpoint, request)
                    : new AdmissionVerdict(null, error, AdmissionKinds.Other, AdmissionVerdict.Invalid);
            }
            finally
            {
                reader.AdvanceTo(read.Buffer.End);
            }

            kind = verdict.KindLabel;
            decision = verdict.Decision;
            if (verdict.Response is null)
            {
                await WriteBadRequestAsync(context, endpoint, verdict.BadRequest!);
                return;
            }

            // Same apiVersion and kind as the request (the parser accepts nothing else).
            await WriteReviewAsync(context, new AdmissionReview
            {
                ApiVersion = AdmissionReviewParser.ApiVersion,
                Kind = AdmissionReviewParser.Kind,
                Response = verdict.Response,
            });
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away; nothing to answer.
            decision = "aborted";
        }
        finally
        {
            _metrics.RequestFinished(endpoint.Name, kind, decision, Stopwatch.GetElapsedTime(started));
        }
    }

    /// <summary>Buffers the whole body (at most the limit plus one read) without copying it.</summary>
    private static async ValueTask<ReadResult> ReadToEndAsync(PipeReader reader, int limit, CancellationToken cancellationToken)
    {
        while (true)
        {
            var result = await reader.ReadAsync(cancellationToken);
            if (result.IsCompleted || result.Buffer.Length > limit)
            {
                return result;
            }

            // A canceled read (CancelPendingRead) is not the end of the body: keep reading.

            reader.AdvanceTo(result.Buffer.Start, result.Buffer.End);
        }
    }

    private static ValueTask<FlushResult> WriteReviewAsync(HttpContext context, AdmissionReview review)
    {
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(4096);
        var writer = t_writer;
        if (writer is null)
        {
            t_writer = writer = new Utf8JsonWriter(buffer, WriterOptions);
        }
        else
        {
            writer.Reset(buffer);
        }

        try
        {
            JsonSerializer.Serialize(writer, review, KubeJsonContext.Default.AdmissionReview);
            writer.Flush();
            var response = context.Response;
            response.StatusCode = StatusCodes.Status200OK;
            response.ContentType = JsonContentType;
            response.ContentLength = buffer.WrittenCount;
            response.BodyWriter.Write(buffer.WrittenSpan);
        }
        finally
        {
            buffer.ResetWrittenCount();
            if (buffer.Capacity > 1024 * 1024)
            {
                // Do not keep a rare huge response's buffer alive on every thread.
                t_buffer = null;
                t_writer = null;
            }
        }

        return context.Response.BodyWriter.FlushAsync(context.RequestAborted);
    }

    private async Task WriteBadRequestAsync(HttpContext context, AdmissionEndpoint endpoint, string reason)
    {
        WebhookLog.BadRequest(_logger, endpoint.Name, context.Connection.RemoteIpAddress?.ToString(), reason);
        var response = context.Response;
        response.StatusCode = StatusCodes.Status400BadRequest;
        response.ContentType = TextContentType;
        var bytes = Encoding.UTF8.GetBytes(reason + "\n");
        response.ContentLength = bytes.Length;
        await response.Body.WriteAsync(bytes, context.RequestAborted);
    }

    private static string FormatSize(int bytes) =>
        bytes % (1024 * 1024) == 0 ? $"{bytes / (1024 * 1024)} MiB" : $"{bytes} bytes";
}
