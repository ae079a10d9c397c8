using System.Net;
using Netguard.Core.Config;

namespace Netguard.Agent.Hosting;

/// <summary>`netguard-agent run` flags (SPEC §6.1), parsed and checked.</summary>
public sealed record AgentOptions
{
    public string? NodeName { get; init; }
    public string? Kubeconfig { get; init; }
    public string? ConfigFile { get; init; }
    public string Device { get; init; } = "auto";
    public RateSpec? LinkRate { get; init; }
    public string? PodsFile { get; init; }
    public string? StatusFile { get; init; }
    public IPEndPoint MetricsListen { get; init; } = new(IPAddress.Any, 9469);
    public bool Once { get; init; }
    public bool DryRun { get; init; }
    public bool Force { get; init; }

    /// <summary>Drift repair interval (SPEC §6.3: every 60 s).</summary>
    public TimeSpan Resync { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How often --config and --pods-file are checked for changes.</summary>
    public TimeSpan FilePoll { get; init; } = TimeSpan.FromSeconds(1);
}
