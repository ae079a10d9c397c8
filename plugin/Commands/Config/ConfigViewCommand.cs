using System.CommandLine;
using Netguard.Core.Config;
using Netguard.Plugin.Cli;
using Netguard.Plugin.Cli.Output;

namespace Netguard.Plugin.Commands.Config;

/// <summary>
/// <c>config view [--config FILE] [-o yaml|json]</c>: the effective config, every default filled in and every
/// rule listed with the action it has. Without <c>--config</c>, what the <see cref="ClusterConfigReader"/> reads:
/// the cluster's config, or the built-in default (said on stderr) when it has none. An invalid config prints
/// its problems on stderr and exits 2.
/// </summary>
public static class ConfigViewCommand
{
    public static Command Create(CliContext context, ClusterConfigReader clusterConfig)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(clusterConfig);
        var file = new Option<string?>("--config") { Description = "NetguardConfig file to show (YAML, or a ConfigMap holding config.yaml; - for stdin)" };
        var output = OutputOption.Create(OutputFormat.Yaml, OutputFormat.Json);
        var command = new Command("view", "Print the effective NetguardConfig with every default filled in") { file, output };
        command.SetAction((parse, ct) => RunAsync(context, clusterConfig, parse, parse.GetValue(file), parse.GetValue(output), ct));
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, ClusterConfigReader clusterConfig, ParseResult parse, string? file, OutputFormat format, CancellationToken cancellationToken)
    {
        var result = file is not null ? ConfigFileReader.Load(context, file) : await clusterConfig(parse, cancellationToken);

        if (!result.IsValid)
        {
            foreach (var line in result.ProblemLines)
            {
                context.Error.WriteLine($"error: {line}");
            }

            return ExitCodes.Input;
        }

        var json = NetguardConfigWriter.ToJson(result.Config!, effectiveRules: true);
        if (format == OutputFormat.Json)
        {
            JsonOutput.Write(context.Out, json);
        }
        else
        {
            context.Out.Write(Core.Yaml.YamlJsonWriter.Write(json));
        }

        return ExitCodes.Clean;
    }
}
