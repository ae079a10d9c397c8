using System.Text.Json.Serialization;

namespace Netguard.Core.Qos;

/// <summary>Source-generated JSON for <see cref="AgentStatus"/>: camelCase, "error" always present (null when fine).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(AgentStatus))]
public sealed partial class AgentStatusJsonContext : JsonSerializerContext;
