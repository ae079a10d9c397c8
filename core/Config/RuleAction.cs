namespace Netguard.Core.Config;

/// <summary>What a rule does when it fires: validations deny, warn or are off; mutations are on or off.</summary>
public enum RuleAction
{
    Deny,
    Warn,
    Off,
    On,
}
