namespace Netguard.Webhook.ConfigReload;

/// <summary>Adapts the core NetguardConfig loader to the webhook's <see cref="ConfigParser"/>.</summary>
public static class NetguardConfigParser
{
    public static ConfigParseOutcome Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return string.IsNullOrWhiteSpace(text)
            ? ConfigParseOutcome.Valid(new Core.Config.NetguardConfig())
            : ConfigParseOutcome.Invalid(["config files are not supported by this build yet (the core config loader has not landed)"]);
    }
}
