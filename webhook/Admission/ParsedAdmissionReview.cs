using System.Text.Json;
using Netguard.Core.Kube.Models;

namespace Netguard.Webhook.Admission;

/// <summary>
/// A parsed AdmissionReview request. Its object and oldObject are views into a document that reads the request
/// body in place: the body must stay untouched, and this must not be disposed, until the answer is built.
/// </summary>
public sealed class ParsedAdmissionReview : IDisposable
{
    private readonly JsonDocument _document;

    internal ParsedAdmissionReview(JsonDocument document, AdmissionRequest request)
    {
        _document = document;
        Request = request;
    }

    public AdmissionRequest Request { get; }

    public void Dispose() => _document.Dispose();
}
