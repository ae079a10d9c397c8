using Netguard.Agent.Config;
using Netguard.Agent.Kernel;
using Netguard.Agent.Pods;
using Netguard.Core.Qos;

namespace Netguard.Agent.Hosting;

/// <summary>What the agent plans from, once resolved at start: device, capabilities, config and pods sources.</summary>
public sealed class AgentSession(AgentOptions options, string device, ProbeResult probe, AgentConfigFile config, IPodSource pods)
{
    public AgentOptions Options => options;

    public string Device => device;

    public AgentConfigFile Config => config;

    public IPodSource Pods => pods;

    /// <summary>Where the link rate came from in the last plan.</summary>
    public string LinkRateSource { get; private set; } = "";

    /// <exception cref="QosPlanException">The config cannot be planned on this node.</exception>
    public QosPlan Plan()
    {
        var qos = config.Current.Qos;
        LinkRate link;
        try
        {
            link = LinkRate.Resolve(options.LinkRate, device, qos);
        }
        catch (ArgumentException e)
        {
            throw new QosPlanException(e.Message, e);
        }

        LinkRateSource = link.Source;
        return QosPlanner.Plan(new QosPlanInput(qos, pods.Current, device, link.BitsPerSecond, probe.Capabilities));
    }

    /// <summary>Two plans that need the same kernel state and report the same status.</summary>
    public static bool SameOutcome(QosPlan a, QosPlan b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return a.Device == b.Device && a.Htb.Equals(b.Htb) && a.Nft.Equals(b.Nft) && a.Classes.SequenceEqual(b.Classes) && a.Pods.Count == b.Pods.Count;
    }
}
