using System.Text.Json;
using System.Text.Json.Serialization;

namespace Netguard.Core.Kube.Models;

public sealed class AdmissionResponse
{
    public string Uid { get; set; } = "";
    public bool Allowed { get; set; }
    public ApiStatus? Status { get; set; }
    /// <summary>Base64 of an RFC 6902 JSON Patch.</summary>
    public string? Patch { get; set; }
    public string? PatchType { get; set; }
    public List<string>? Warnings { get; set; }
    public Dictionary<string, string>? AuditAnnotations { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
