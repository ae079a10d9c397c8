using System.Text.Json;
using System.Text.Json.Serialization;

namespace Netguard.Core.Kube.Models;

public sealed class NetworkPolicyPort
{
    /// <summary>TCP (default), UDP or SCTP.</summary>
    public string? Protocol { get; set; }
    /// <summary>Number or named container port; absent means every port.</summary>
    public IntOrString? Port { get; set; }
    /// <summary>Inclusive upper bound of a numeric port range.</summary>
    public int? EndPort { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
