using System.CommandLine;
using System.Text.Json.Nodes;
using Netguard.Core.Check;
using Netguard.Core.Config;
using Netguard.Core.Manifests;
using Netguard.Core.Rules;
using Netguard.Core.Yaml;
using Netguard.Plugin.Cli;
using Netguard.Plugin.Cli.Output;

namespace Netguard.Plugin.Commands.Check;

/// <summary>
/// <c>kubectl netguard check -f PATH… [--config FILE] [--show-patch] [-o table|json|yaml]</c> (SPEC §7): every
/// admission rule on manifests, offline. Exit 0 when nothing is denied, 1 when something is, 2 on bad input.
/// </summary>
public sealed class CheckCommand
{
    private readonly CliContext _context;

    private readonly Option<string[]> _files = new("--filename", "-f")
    {
        Description = "Manifest files or directories (recursive) to check; - reads standard input",
        Required = true,
        AllowMultipleArgumentsPerToken = true,
        HelpName = "PATH",
    };

    private readonly Option<string?> _config = new("--config")
    {
        Description = "NetguardConfig file (default: the built-in default config)",
        HelpName = "FILE",
    };

    private readonly Option<bool> _showPatch = new("--show-patch")
    {
        Description = "Print each mutation as JSON Patch and as the resulting YAML",
    };

    private readonly Option<OutputFormat> _output = OutputOption.Create(OutputFormat.Table, OutputFormat.Json, OutputFormat.Yaml);

    private CheckCommand(CliContext context)
    {
        _context = context;
    }

    public static Command Create(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var c = new CheckCommand(context);
        var command = new Command("check", "Run every admission rule on manifests, offline (no cluster needed)")
        {
            c._files, c._config, c._showPatch, c._output,
        };
        command.SetAction(c.Run);
        return command;
    }

    private int Run(ParseResult parse)
    {
        var env = _context.Environment;
        var paths = parse.GetValue(_files) ?? [];
        if (parse.GetValue(_config) == "-" && paths.Contains("-"))
        {
            throw CliException.Input("--config - and -f - cannot both read standard input");
        }

        if (LoadConfig(parse.GetValue(_config)) is not { } config)
        {
            return ExitCodes.Input;
        }

        IReadOnlyList<Manifest> manifests;
        try
        {
            manifests = ManifestReader.ReadPaths(paths, env.In);
        }
        catch (ManifestException e)
        {
            throw CliException.Input(e.Message);
        }

        if (parse.GetValue(_context.Flags.Namespace) is { Length: > 0 } ns)
        {
            PlaceInNamespace(manifests, ns);
        }

        CheckReport report;
        try
        {
            report = new CheckRunner(BuiltInRules.CreateEngine()).Run(manifests.Select(CheckInput.From).ToList(), config);
        }
        catch (CheckInputException e)
        {
            throw CliException.Input(e.Message);
        }

        if (report.Results.Count == 0)
        {
            throw CliException.Input($"no objects to check in {string.Join(", ", paths)}");
        }

        var showPatch = parse.GetValue(_showPatch);
        switch (parse.GetValue(_output))
        {
            case OutputFormat.Json:
                JsonOutput.Write(env.Out, CheckReportJson.ToJson(report, includeMutated: showPatch));
                break;
            case OutputFormat.Yaml:
                env.Out.Write(YamlJsonWriter.Write(CheckReportJson.ToJson(report, includeMutated: showPatch)));
                break;
            default:
                CheckTableWriter.Write(report, env.Out, env.UseColor);
                if (showPatch)
                {
                    MutationPrinter.Write(report, env.Out);
                }

                break;
        }

        return report.AnyDenied ? ExitCodes.Findings : ExitCodes.Clean;
    }

    /// <summary>
    /// -n is where namespace-less objects go, as with <c>kubectl apply -n NS -f</c> and <c>policy -f</c>; objects
    /// that name their namespace keep it. Set on the input, so the object and its patched YAML show where it lands.
    /// </summary>
    private static void PlaceInNamespace(IEnumerable<Manifest> manifests, string ns)
    {
        foreach (var manifest in manifests)
        {
            if (KindScope.IsClusterScoped(manifest.Kind))
            {
                continue;
            }

            var metadata = manifest.Object["metadata"];
            if (metadata is null)
            {
                manifest.Object["metadata"] = metadata = new JsonObject();
            }

            if (metadata is not JsonObject fields)
            {
                continue; // malformed: reported as such when the object is read, not overwritten here
            }

            if (fields["namespace"] is null || (fields["namespace"] is JsonValue value && value.TryGetValue<string>(out var existing) && existing.Length == 0))
            {
                fields["namespace"] = ns;
            }
        }
    }

    /// <summary>The config to judge with; null (after printing every problem) when the file is unusable.</summary>
    private NetguardConfig? LoadConfig(string? path)
    {
        if (path is null)
        {
            return new NetguardConfig();
        }

        var result = ConfigFileReader.Load(_context, path);
        if (result.Config is { } config && result.IsValid)
        {
            return config;
        }

        foreach (var line in result.ProblemLines)
        {
            _context.Error.Write($"error: {line}\n");
        }

        return null;
    }
}
