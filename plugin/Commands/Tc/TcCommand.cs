using System.CommandLine;
using Netguard.Plugin.Cli;

namespace Netguard.Plugin.Commands.Tc;

/// <summary><c>tc show [NODE]</c>: the traffic-control classes the agents programmed (SPEC §7).</summary>
public static class TcCommand
{
    public static Command Create(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new Command("tc", "Show the traffic control the node agents programmed")
        {
            TcShowCommand.Create(context),
        };
    }
}
