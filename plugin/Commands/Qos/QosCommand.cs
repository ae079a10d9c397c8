using System.CommandLine;
using Netguard.Plugin.Cli;

namespace Netguard.Plugin.Commands.Qos;

/// <summary><c>qos classes | get | set</c>: the network QoS classes and which pods have them (SPEC §4, §5.4, §7).</summary>
public static class QosCommand
{
    public static Command Create(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new Command("qos", "List QoS classes, show the class of pods and workloads, set it")
        {
            QosClassesCommand.Create(context),
            QosGetCommand.Create(context),
            QosSetCommand.Create(context),
        };
    }
}
