using Netguard.Core.Qos;

namespace Netguard.Plugin.Commands.Tc;

/// <summary>
/// One node's agent as <c>tc show</c> and <c>status</c> present it. <see cref="Status"/> is the agent's own
/// JSON (null when the annotation is missing or unreadable); <see cref="Problem"/> says what is wrong in one line.
/// </summary>
public sealed record NodeAgentReport(string Node, AgentState State, AgentStatus? Status, string? Problem)
{
    /// <summary>How long ago the agent last reconciled (its <c>lastReconcile</c>), at the time of reading.</summary>
    public TimeSpan? Age { get; init; }

    public static string StateName(AgentState state) => state switch
    {
        AgentState.Ok => "ok",
        AgentState.Stale => "stale",
        AgentState.Error => "error",
        _ => "missing",
    };
}
