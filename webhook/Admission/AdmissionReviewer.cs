using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Netguard.Core.Admission;
using Netguard.Core.Kube.Models;
using Netguard.Webhook.Cluster;
using Netguard.Webhook.ConfigReload;
using Netguard.Webhook.Logging;
using Netguard.Webhook.Metrics;

namespace Netguard.Webhook.Admission;

/// <summary>
/// Answers one parsed AdmissionReview: maps the request to an <see cref="AdmissionSubject"/>, runs the
/// endpoint's phase of the engine against the current config and cluster snapshot, and builds the response.
/// No I/O: the HTTP shell around it reads and writes bytes.
/// </summary>
public sealed class AdmissionReviewer
{
    private readonly AdmissionEngine _engine;
    private readonly AdmissionKinds _mutateKinds;
    private readonly AdmissionKinds _validateKinds;
    private readonly ConfigFile _config;
    private readonly IClusterState _cluster;
    private readonly WebhookMetrics _metrics;
    private readonly ILogger _logger;

    public AdmissionReviewer(AdmissionEngine engine, ConfigFile config, IClusterState cluster, WebhookMetrics metrics, ILogger<AdmissionReviewer> logger)
    {
        ArgumentNullException.ThrowIfNull(engine);
        _engine = engine;
        _mutateKinds = new AdmissionKinds(engine, RulePhase.Mutate);
        _validateKinds = new AdmissionKinds(engine, RulePhase.Validate);
        _config = config;
        _cluster = cluster;
        _metrics = metrics;
        _logger = logger;
    }

    public AdmissionVerdict Review(AdmissionEndpoint endpoint, ParsedAdmissionRequest parsed)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(parsed);
        var request = parsed.Request;
        try
        {
            return ReviewCore(endpoint, parsed);
        }
#pragma warning disable CA1031 // A bug anywhere in the webhook still gets the endpoint's safe answer, never an HTTP 500.
        catch (Exception e) when (e is not OutOfMemoryException)
#pragma warning restore CA1031
        {
            return RuleFailed(endpoint, request, AdmissionKinds.Label(request.Kind?.Group, request.Kind?.Kind), "webhook", e);
        }
    }

    private AdmissionVerdict ReviewCore(AdmissionEndpoint endpoint, ParsedAdmissionRequest parsed)
    {
        var request = parsed.Request;
        var uid = request.Uid!;
        var group = request.Kind!.Group ?? "";
        var kind = request.Kind.Kind;
        var operation = AdmissionOperations.Parse(request.Operation)!.Value;
        var label = AdmissionKinds.Label(group, kind);
        var kinds = endpoint.Phase == RulePhase.Mutate ? _mutateKinds : _validateKinds;

        // Subresources (pods/status, pods/binding, …) and kinds/operations no rule looks at pass untouched.
        if (!string.IsNullOrEmpty(request.SubResource) || !kinds.Evaluates(group, kind, operation))
        {
            return new AdmissionVerdict(AdmissionResponseFactory.Allowed(uid), null, label, AdmissionVerdict.Allowed);
        }

        // On DELETE the object under admission is the one being deleted (oldObject).
        var obj = (operation == AdmissionOperation.Delete ? request.OldObject : request.Object) as JsonObject;
        if (obj is null)
        {
            return Bad(label, operation == AdmissionOperation.Delete ? "request.oldObject is missing or not an object" : "request.object is missing or not an object");
        }

        var old = operation == AdmissionOperation.Update ? request.OldObject as JsonObject : null;
        if (operation == AdmissionOperation.Update && old is null)
        {
            return Bad(label, "request.oldObject is missing or not an object on UPDATE");
        }

        var subject = new AdmissionSubject(kind, operation, obj, old)
        {
            Namespace = string.IsNullOrEmpty(request.Namespace) ? null : request.Namespace,
            User = request.UserInfo,
            DryRun = request.DryRun ?? false,
            ObjectSource = operation == AdmissionOperation.Delete ? parsed.OldObject : parsed.Object,
            OldObjectSource = old is null ? null : parsed.OldObject,
        };

        // Read the typed views now, so a malformed object is the client's error (400), not a rule failure.
        // On DELETE the subject's object is request.oldObject, so the reason names that.
        try
        {
            _ = subject.Typed;
        }
        catch (JsonException e)
        {
            return Bad(label, Invalid(operation == AdmissionOperation.Delete ? "request.oldObject" : "request.object", kind, e));
        }

        try
        {
            _ = subject.OldTyped;
        }
        catch (JsonException e)
        {
            return Bad(label, Invalid("request.oldObject", kind, e));
        }

        AdmissionResult result;
        try
        {
            result = _engine.Evaluate(subject, _cluster.Snapshot, _config.Current, endpoint.Phase);
        }
        catch (RuleEvaluationException e)
        {
            return RuleFailed(endpoint, request, label, e.RuleId, e.InnerException ?? e);
        }
#pragma warning disable CA1031 // Any other failure inside the engine still gets a safe, documented answer.
        catch (Exception e) when (e is not OutOfMemoryException)
#pragma warning restore CA1031
        {
            return RuleFailed(endpoint, request, label, "engine", e);
        }

        var response = AdmissionResponseFactory.FromResult(uid, kind, result);
        var decision = !response.Allowed ? AdmissionVerdict.Denied
            : response.Patch is not null ? AdmissionVerdict.Patched
            : AdmissionVerdict.Allowed;

        foreach (var finding in result.Findings)
        {
            _metrics.RuleFinding(endpoint.Name, label, finding.Rule, FindingDecision(finding.Action));
        }

        if (!response.Allowed)
        {
            WebhookLog.Denied(_logger, endpoint.Name, request.Operation!, kind, request.Namespace, NameOf(request, obj), uid, request.UserInfo?.Username, response.Status!.Message!);
        }
        else if (_logger.IsEnabled(LogLevel.Debug))
        {
            WebhookLog.Answered(_logger, endpoint.Name, request.Operation!, kind, request.Namespace, NameOf(request, obj), uid, decision,
                result.Patch.Count, response.Warnings?.Count ?? 0, string.Join(',', result.RulesFired));
        }

        return new AdmissionVerdict(response, null, label, decision);
    }

    private static AdmissionVerdict Bad(string label, string reason) => new(null, reason, label, AdmissionVerdict.Invalid);

    // "request.object is not a valid Pod: spec must be an object".
    private static string Invalid(string field, string kind, JsonException error) =>
        AdmissionReviewParser.OneLine($"{field} is not a valid {kind}: {FieldTypeReason.Describe(error)}");

    private AdmissionVerdict RuleFailed(AdmissionEndpoint endpoint, AdmissionRequest request, string label, string rule, Exception error)
    {
        var response = AdmissionResponseFactory.InternalError(endpoint, request.Uid!, rule, error);
        _metrics.RuleError(endpoint.Name, label, rule);
        WebhookLog.RuleFailed(_logger, error, endpoint.Name, rule, request.Operation!, request.Kind!.Kind, request.Namespace, request.Name, request.Uid!,
            response.Allowed ? "allowed without mutations" : "refused (fail closed)");
        return new AdmissionVerdict(response, null, label, AdmissionVerdict.Error);
    }

    private static string FindingDecision(FindingAction action) => action switch
    {
        FindingAction.Deny => "deny",
        FindingAction.Warn => "warn",
        _ => "mutate",
    };

    // Pods created from generateName have no name yet; the request names them when it can.
    private static string? NameOf(AdmissionRequest request, JsonObject obj) =>
        !string.IsNullOrEmpty(request.Name) ? request.Name
        : (obj["metadata"] as JsonObject)?["generateName"] is JsonValue v && v.TryGetValue<string>(out var g) ? g + "*" : null;
}
