using System.CommandLine;

namespace Netguard.Plugin.Cli;

/// <summary>Builds the -o/--output option with the formats a command supports (first = default).</summary>
public static class OutputOption
{
    public static Option<OutputFormat> Create(params OutputFormat[] supported)
    {
        ArgumentNullException.ThrowIfNull(supported);
        if (supported.Length == 0)
        {
            throw new ArgumentException("at least one format", nameof(supported));
        }

        var names = supported.Select(Name).ToArray();
        var option = new Option<OutputFormat>("--output", "-o")
        {
            Description = "Output format: " + string.Join("|", names),
            HelpName = string.Join("|", names),
            DefaultValueFactory = _ => supported[0],
            CustomParser = result =>
            {
                var text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : names[0];
                var i = Array.FindIndex(names, n => string.Equals(n, text, StringComparison.OrdinalIgnoreCase));
                if (i < 0)
                {
                    result.AddError($"unknown output format \"{text}\" (want {string.Join(", ", names)})");
                    return supported[0];
                }

                return supported[i];
            },
        };
        return option;
    }

    public static string Name(OutputFormat format) => format switch
    {
        OutputFormat.PolicyReport => "policyreport",
        _ => format.ToString().ToLowerInvariant(),
    };
}
