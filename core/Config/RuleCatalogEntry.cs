namespace Netguard.Core.Config;

/// <summary>A rule id of SPEC §5 with its kind and default action.</summary>
public sealed record RuleCatalogEntry(string Id, RuleKind Kind, RuleAction DefaultAction)
{
    /// <summary>The actions <c>rules:</c> may give this rule.</summary>
    public IReadOnlyList<RuleAction> AllowedActions => Kind == RuleKind.Mutation
        ? [RuleAction.On, RuleAction.Off]
        : [RuleAction.Deny, RuleAction.Warn, RuleAction.Off];
}
