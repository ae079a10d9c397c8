namespace Netguard.Core.Qos;

/// <summary>
/// The JSON the agent writes into the Node annotation netguard.io/agent-status (SPEC §6.5) or --status-file,
/// and `kubectl netguard tc show` reads. Rates are tc spellings ("200mbit"); times are RFC 3339 UTC.
/// </summary>
public sealed record AgentStatus
{
    public const string Annotation = "netguard.io/agent-status";

    public string Device { get; init; } = "";

    public string LinkRate { get; init; } = "";

    public string LeafQdisc { get; init; } = "";

    public IReadOnlyList<AgentStatusClass> Classes { get; init; } = [];

    /// <summary>Pods on the node with an address in one of the classes.</summary>
    public int Pods { get; init; }

    public string? LastReconcile { get; init; }

    /// <summary>Why the kernel does not match the plan (or the last config was rejected); null when all is well.</summary>
    public string? Error { get; init; }

    /// <summary>Equal apart from <see cref="LastReconcile"/>: whether publishing would tell anyone something new.</summary>
    public bool SameContent(AgentStatus? other) =>
        other is not null && Device == other.Device && LinkRate == other.LinkRate && LeafQdisc == other.LeafQdisc &&
        Pods == other.Pods && Error == other.Error && Classes.SequenceEqual(other.Classes);

    public static AgentStatus FromPlan(QosPlan plan, DateTimeOffset reconciled, string? error)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return new AgentStatus
        {
            Device = plan.Device,
            LinkRate = Config.RateSpec.FormatBits(plan.LinkBitsPerSecond),
            LeafQdisc = plan.LeafQdisc,
            Classes = plan.Classes.Select(c => new AgentStatusClass(c.Name, c.ClassId.ToString(), Config.RateSpec.FormatBits(c.RateBitsPerSecond),
                Config.RateSpec.FormatBits(c.CeilBitsPerSecond), c.Priority, c.PodCount)).ToList(),
            Pods = plan.Pods.Count,
            LastReconcile = reconciled.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture),
            Error = error,
        };
    }
}
