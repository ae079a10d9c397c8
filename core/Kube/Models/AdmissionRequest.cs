using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Netguard.Core.Kube.Models;

public sealed class AdmissionRequest
{
    public string? Uid { get; set; }
    public GroupVersionKind? Kind { get; set; }
    public GroupVersionResource? Resource { get; set; }
    public string? SubResource { get; set; }
    public GroupVersionKind? RequestKind { get; set; }
    public GroupVersionResource? RequestResource { get; set; }
    public string? RequestSubResource { get; set; }
    public string? Name { get; set; }
    public string? Namespace { get; set; }
    /// <summary>CREATE, UPDATE, DELETE or CONNECT.</summary>
    public string? Operation { get; set; }
    public UserInfo? UserInfo { get; set; }
    public JsonNode? Object { get; set; }
    public JsonNode? OldObject { get; set; }
    public bool? DryRun { get; set; }
    public JsonNode? Options { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
