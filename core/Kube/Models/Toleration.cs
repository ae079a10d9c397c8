using System.Text.Json;
using System.Text.Json.Serialization;

namespace Netguard.Core.Kube.Models;

/// <summary>A toleration; an empty key with operator Exists tolerates every taint.</summary>
public sealed class Toleration
{
    public string? Key { get; set; }
    /// <summary>Equal (default) or Exists.</summary>
    public string? Operator { get; set; }
    public string? Value { get; set; }
    /// <summary>Empty tolerates every effect.</summary>
    public string? Effect { get; set; }
    public long? TolerationSeconds { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
