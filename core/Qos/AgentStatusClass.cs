using System.Text.Json.Serialization;

namespace Netguard.Core.Qos;

/// <summary>One class in <see cref="AgentStatus"/>.</summary>
public sealed record AgentStatusClass(
    string Name,
    [property: JsonPropertyName("classid")] string ClassId,
    string Rate,
    string Ceil,
    int Priority,
    int Pods);
