using System.Text.Json.Nodes;

namespace Netguard.Plugin.Commands.Status;

/// <summary>
/// One row of <c>status</c>: a component ("deployment/netguard-webhook", "certificate", "node/cp-1"), its health and
/// a one-line message, plus machine-readable <see cref="Details"/> merged into the component's JSON object.
/// </summary>
public sealed record StatusItem(string Component, HealthState State, string Message)
{
    public JsonObject Details { get; init; } = [];

    public static string StateName(HealthState state) => state switch
    {
        HealthState.Ok => "ok",
        HealthState.Warning => "warning",
        HealthState.Unhealthy => "unhealthy",
        _ => "error",
    };
}
