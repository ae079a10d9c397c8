using System.Text.Json;
using Netguard.Core.Kube.Models;

namespace Netguard.Webhook.Admission;

/// <summary>
/// An AdmissionReview's request as the parser found it, with the parsed JSON its object and oldObject nodes were
/// made from, so the typed views are read from that directly (see <c>AdmissionSubject.ObjectSource</c>).
/// </summary>
public sealed record ParsedAdmissionRequest(AdmissionRequest Request, JsonElement? Object, JsonElement? OldObject);
