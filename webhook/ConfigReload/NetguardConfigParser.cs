using Netguard.Core.Config;

namespace Netguard.Webhook.ConfigReload;

/// <summary>Adapts the core NetguardConfig loader (SPEC §4: defaults, unknown keys, every validation rule) to <see cref="ConfigParser"/>.</summary>
public static class NetguardConfigParser
{
    /// <summary>Problems are "line N: path: message"; <see cref="ConfigFile"/> puts the file name in front.</summary>
    public static ConfigParseOutcome Parse(string text)
    {
        var result = NetguardConfigLoader.Load(text);
        return result.Config is { } config ? ConfigParseOutcome.Valid(config) : ConfigParseOutcome.Invalid(result.ProblemLines.ToList());
    }
}
