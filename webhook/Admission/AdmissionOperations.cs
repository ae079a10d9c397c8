using Netguard.Core.Admission;

namespace Netguard.Webhook.Admission;

/// <summary>The AdmissionRequest operation strings of admission.k8s.io/v1.</summary>
public static class AdmissionOperations
{
    public static AdmissionOperation? Parse(string? operation) => operation switch
    {
        "CREATE" => AdmissionOperation.Create,
        "UPDATE" => AdmissionOperation.Update,
        "DELETE" => AdmissionOperation.Delete,
        "CONNECT" => AdmissionOperation.Connect,
        _ => null,
    };
}
