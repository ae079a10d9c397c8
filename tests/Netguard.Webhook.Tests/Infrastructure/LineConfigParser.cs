using Netguard.Core.Config;
using Netguard.Webhook.ConfigReload;

namespace Netguard.Webhook.Tests.Infrastructure;

/// <summary>
/// A stand-in config syntax for testing the reload mechanism in isolation: one "rule-id: deny|warn|off" per
/// line; anything else is a problem. (The real YAML loader is tested in core and end to end separately.)
/// </summary>
internal static class LineConfigParser
{
    public static ConfigParseOutcome Parse(string text)
    {
        var config = new NetguardConfig();
        var problems = new List<string>();
        var n = 0;
        foreach (var raw in text.Split('\n'))
        {
            n++;
            var line = raw.Trim();
            if (line.Length == 0)
            {
                continue;
            }

            var parts = line.Split(':', 2, StringSplitOptions.TrimEntries);
            if (parts.Length == 2 && Enum.TryParse<RuleAction>(parts[1], ignoreCase: true, out var action))
            {
                config.Rules[parts[0]] = action;
            }
            else
            {
                problems.Add($"line {n}: \"{line}\" is not \"rule: action\"");
            }
        }

        return problems.Count == 0 ? ConfigParseOutcome.Valid(config) : ConfigParseOutcome.Invalid(problems);
    }
}
