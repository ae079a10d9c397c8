namespace Netguard.Webhook.ConfigReload;

/// <summary>Parses and validates config file text (the core NetguardConfig loader in production).</summary>
public delegate ConfigParseOutcome ConfigParser(string text);
