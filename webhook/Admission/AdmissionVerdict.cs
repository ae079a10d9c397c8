using Netguard.Core.Kube.Models;

namespace Netguard.Webhook.Admission;

/// <summary>
/// What to answer one AdmissionReview with: a response (HTTP 200), or a one-line reason for HTTP 400.
/// <see cref="KindLabel"/> and <see cref="Decision"/> label the request's metrics.
/// </summary>
public sealed record AdmissionVerdict(AdmissionResponse? Response, string? BadRequest, string KindLabel, string Decision)
{
    public const string Allowed = "allowed";
    public const string Patched = "patched";
    public const string Denied = "denied";
    public const string Error = "error";
    public const string Invalid = "invalid";
}
