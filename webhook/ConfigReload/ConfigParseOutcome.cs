using Netguard.Core.Config;

namespace Netguard.Webhook.ConfigReload;

/// <summary>The result of parsing a config file: the config, or every problem found (one line each).</summary>
public sealed record ConfigParseOutcome(NetguardConfig? Config, IReadOnlyList<string> Problems)
{
    public static ConfigParseOutcome Valid(NetguardConfig config) => new(config, []);

    public static ConfigParseOutcome Invalid(IReadOnlyList<string> problems) => new(null, problems);
}
