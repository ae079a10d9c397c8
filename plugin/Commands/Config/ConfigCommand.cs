using System.CommandLine;
using Netguard.Plugin.Cli;

namespace Netguard.Plugin.Commands.Config;

/// <summary><c>config view | validate</c>: show or check a NetguardConfig (SPEC §4, §7).</summary>
public static class ConfigCommand
{
    public static Command Create(CliContext context, ClusterConfigReader clusterConfig)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new Command("config", "Show or validate a NetguardConfig")
        {
            ConfigViewCommand.Create(context, clusterConfig),
            ConfigValidateCommand.Create(context),
        };
    }
}
