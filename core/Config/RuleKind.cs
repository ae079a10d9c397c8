namespace Netguard.Core.Config;

/// <summary>What a rule does, which decides the actions the config may give it.</summary>
public enum RuleKind
{
    /// <summary>Judges objects: deny, warn or off.</summary>
    Validation,

    /// <summary>Changes objects: on or off.</summary>
    Mutation,

    /// <summary>
    /// Both (control-plane-taint adds the taint on CREATE and guards it on UPDATE): deny, warn or off. The
    /// mutation runs whenever the rule is not off; deny/warn is what happens to an UPDATE that removes the taint.
    /// </summary>
    ValidationAndMutation,
}
