using System.Text.Json;
using System.Text.Json.Serialization;

namespace Netguard.Core.Kube.Models;

/// <summary>metav1.Status: what the API server returns for errors (and watch ERROR events).</summary>
public sealed class ApiStatus
{
    public string? ApiVersion { get; set; }
    public string? Kind { get; set; }
    public string? Status { get; set; }
    public string? Message { get; set; }
    public string? Reason { get; set; }
    public int? Code { get; set; }
    public StatusDetails? Details { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
