using System.Text.Json;
using System.Text.Json.Serialization;

namespace Netguard.Core.Kube.Models;

public sealed class PodTemplateSpec
{
    public ObjectMeta? Metadata { get; set; }
    public PodSpec? Spec { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
