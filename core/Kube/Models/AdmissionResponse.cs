using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Netguard.Core.Kube.Models;

public sealed class AdmissionResponse
{
    public string Uid { get; set; } = "";
    public bool Allowed { get; set; }
    public ApiStatus? Status { get; set; }
    /// <summary>An RFC 6902 JSON Patch as UTF-8; base64 on the wire, as System.Text.Json writes and reads byte arrays.</summary>
    [SuppressMessage("Performance", "CA1819:Properties should not return arrays", Justification = "The wire format is base64 of the bytes; a byte[] member is written as that without an intermediate string.")]
    public byte[]? Patch { get; set; }
    public string? PatchType { get; set; }
    public List<string>? Warnings { get; set; }
    public Dictionary<string, string>? AuditAnnotations { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
