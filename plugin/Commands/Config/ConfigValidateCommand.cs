using System.CommandLine;
using Netguard.Plugin.Cli;

namespace Netguard.Plugin.Commands.Config;

/// <summary>
/// <c>config validate -f FILE</c>: every problem of a NetguardConfig, one line each on stdout
/// (<c>file:line: path: problem</c>), exit 1 when there are any, 0 when the config is valid, 2 when the file
/// cannot be read. FILE may be a ConfigMap manifest holding config.yaml, or "-" for stdin.
/// </summary>
public static class ConfigValidateCommand
{
    public static Command Create(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var file = new Option<string>("--filename", "-f")
        {
            Description = "NetguardConfig file to validate (YAML, or a ConfigMap holding config.yaml; - for stdin)",
            Required = true,
        };
        var command = new Command("validate", "Check a NetguardConfig and list every problem") { file };
        command.SetAction(parse => Run(context, parse.GetValue(file)!));
        return command;
    }

    private static int Run(CliContext context, string file)
    {
        var result = ConfigFileReader.Load(context, file);
        if (result.IsValid)
        {
            context.Out.WriteLine($"{file}: valid");
            return ExitCodes.Clean;
        }

        foreach (var line in result.ProblemLines)
        {
            context.Out.WriteLine(line);
        }

        context.Error.WriteLine($"{file}: {result.Problems.Count} problem{(result.Problems.Count == 1 ? "" : "s")}");
        return ExitCodes.Findings;
    }
}
