namespace Netguard.Plugin.Commands.Tc;

/// <summary>How a node's agent is doing, judged from its netguard.io/agent-status annotation.</summary>
public enum AgentState
{
    /// <summary>The status is recent and reports no error.</summary>
    Ok,

    /// <summary>The status is older than the stale threshold: the agent stopped reporting.</summary>
    Stale,

    /// <summary>The agent reports an error, or its annotation cannot be read.</summary>
    Error,

    /// <summary>The node has no annotation: no agent runs there (or it never reconciled).</summary>
    Missing,
}
