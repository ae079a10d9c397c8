using System.Text;
using Netguard.Core.Admission;
using Netguard.Core.JsonPatch;
using Netguard.Core.Kube.Models;

namespace Netguard.Webhook.Admission;

/// <summary>
/// Turns an engine verdict into an AdmissionResponse as SPEC §5.5 describes: deny → status 403 with every
/// failed rule id in the message; warn findings → warnings of at most 120 characters; mutations → a
/// base64 JSONPatch (omitted when empty); the ids of the rules that fired → auditAnnotations.
/// </summary>
public static class AdmissionResponseFactory
{
    /// <summary>The audit annotation key (SPEC §5.5).</summary>
    public const string RulesAnnotation = "netguard.io/rules";

    /// <summary>
    /// The same ids under a key the API server can record: it prefixes webhook audit annotation keys with
    /// the webhook's name and drops keys that are then not qualified names, as "validate.netguard.io/netguard.io/rules"
    /// is. "rules" lands in the audit log as "validate.netguard.io/rules" / "mutate.netguard.io/rules".
    /// </summary>
    public const string AuditLogRulesKey = "rules";

    /// <summary>Kubernetes asks webhooks to keep warnings within 120 characters; longer ones may be truncated.</summary>
    public const int MaxWarningLength = 120;

    public static AdmissionResponse Allowed(string uid) => new() { Uid = uid, Allowed = true };

    public static AdmissionResponse FromResult(string uid, string kind, AdmissionResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var response = new AdmissionResponse { Uid = uid, Allowed = result.Allowed };
        if (!result.Allowed)
        {
            response.Status = new ApiStatus
            {
                Status = "Failure",
                Code = 403,
                Reason = "Forbidden",
                Message = DenyMessage(kind, result),
            };
        }
        else if (result.Patch.Count > 0)
        {
            // A denied request is never stored, so its patch would be noise.
            response.Patch = JsonPatchDocument.ToUtf8Bytes(result.Patch);
            response.PatchType = "JSONPatch";
        }

        List<string>? warnings = null;
        foreach (var finding in result.Findings)
        {
            if (finding.Action == FindingAction.Warn)
            {
                (warnings ??= []).Add(Warning(finding.Rule, finding.Message));
            }
        }

        response.Warnings = warnings;
        if (result.Findings.Count > 0)
        {
            var rules = string.Join(',', result.RulesFired);
            response.AuditAnnotations = new Dictionary<string, string>(2, StringComparer.Ordinal)
            {
                [RulesAnnotation] = rules,
                [AuditLogRulesKey] = rules,
            };
        }

        return response;
    }

    /// <summary>
    /// A rule threw. /mutate fails open (allowed, no patch, a warning), like its failurePolicy Ignore;
    /// /validate fails closed (refused with code 500 naming the rule), like its failurePolicy Fail.
    /// </summary>
    public static AdmissionResponse InternalError(AdmissionEndpoint endpoint, string uid, string rule, Exception error)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(error);
        if (endpoint.Phase == RulePhase.Mutate)
        {
            return new AdmissionResponse
            {
                Uid = uid,
                Allowed = true,
                Warnings = [Truncate($"netguard: internal error in rule {rule}; mutations skipped")],
            };
        }

        return new AdmissionResponse
        {
            Uid = uid,
            Allowed = false,
            Status = new ApiStatus
            {
                Status = "Failure",
                Code = 500,
                Reason = "InternalError",
                Message = $"netguard: internal error in rule {rule} ({error.GetType().Name}: {AdmissionReviewParser.OneLine(error.Message)}); the validating webhook fails closed",
            },
        };
    }

    /// <summary>"[rule] message", printable and at most 120 characters (cut with "...").</summary>
    public static string Warning(string rule, string message) => Truncate($"[{rule}] {message}");

    private static string DenyMessage(string kind, AdmissionResult result)
    {
        var text = new StringBuilder("netguard denied this ").Append(kind).Append(": ");
        var first = true;
        foreach (var finding in result.Findings)
        {
            if (finding.Action != FindingAction.Deny)
            {
                continue;
            }

            if (!first)
            {
                text.Append("; ");
            }

            text.Append('[').Append(finding.Rule).Append("] ").Append(finding.Message.ReplaceLineEndings(" "));
            first = false;
        }

        return text.ToString();
    }

    private static string Truncate(string text)
    {
        if (text.Length <= MaxWarningLength && !text.Any(char.IsControl))
        {
            return text;
        }

        var clean = string.Create(text.Length, text, static (span, s) =>
        {
            for (var i = 0; i < s.Length; i++)
            {
                span[i] = char.IsControl(s[i]) ? ' ' : s[i];
            }
        });
        if (clean.Length <= MaxWarningLength)
        {
            return clean;
        }

        var cut = MaxWarningLength - 3;
        if (char.IsHighSurrogate(clean[cut - 1]))
        {
            cut--; // never split a surrogate pair
        }

        return clean[..cut].TrimEnd() + "...";
    }
}
