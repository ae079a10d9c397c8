using System.Text.Json;
using System.Text.Json.Serialization;

namespace Netguard.Core.Kube.Models;

/// <summary>The API server's /version.</summary>
public sealed class VersionInfo
{
    public string? Major { get; set; }
    public string? Minor { get; set; }
    public string? GitVersion { get; set; }
    public string? GitCommit { get; set; }
    public string? GitTreeState { get; set; }
    public string? BuildDate { get; set; }
    public string? GoVersion { get; set; }
    public string? Compiler { get; set; }
    public string? Platform { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
