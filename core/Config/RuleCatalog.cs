using Netguard.Core.Rules;

namespace Netguard.Core.Config;

/// <summary>
/// Every rule id of SPEC §5, so a config's <c>rules:</c> can be checked without loading the rules engine:
/// an unknown id or an action the rule cannot take is a config error.
/// </summary>
public static class RuleCatalog
{
    /// <summary>All rules in SPEC order.</summary>
    public static IReadOnlyList<RuleCatalogEntry> All { get; } =
    [
        // §5.1 control-plane isolation
        new(RuleIds.ControlPlaneToleration, RuleKind.Validation, RuleAction.Deny),
        new(RuleIds.ControlPlanePinning, RuleKind.Validation, RuleAction.Deny),
        new(RuleIds.ControlPlaneTaint, RuleKind.ValidationAndMutation, RuleAction.Deny),

        // §5.2 topology-aware scheduling
        new(RuleIds.TopologySpread, RuleKind.Mutation, RuleAction.On),
        new(RuleIds.ColocateAffinity, RuleKind.Mutation, RuleAction.On),
        new(RuleIds.ServiceTopology, RuleKind.Mutation, RuleAction.On),

        // §5.3 NetworkPolicy hygiene
        new(RuleIds.NetpolAllowAll, RuleKind.Validation, RuleAction.Warn),
        new(RuleIds.NetpolWorldCidr, RuleKind.Validation, RuleAction.Warn),
        new(RuleIds.NetpolBlocksDns, RuleKind.Validation, RuleAction.Deny),
        new(RuleIds.NetpolSelectsNothing, RuleKind.Validation, RuleAction.Warn),
        new(RuleIds.NetpolImplicitTypes, RuleKind.Validation, RuleAction.Warn),
        new(RuleIds.NetpolUnknownPort, RuleKind.Validation, RuleAction.Warn),
        new(RuleIds.NamespaceDefaultDeny, RuleKind.Validation, RuleAction.Warn),

        // §5.4 QoS classes
        new(RuleIds.QosClass, RuleKind.Mutation, RuleAction.On),
        new(RuleIds.QosClassUnknown, RuleKind.Validation, RuleAction.Deny),
        new(RuleIds.QosClassForbidden, RuleKind.Validation, RuleAction.Deny),
    ];

    private static readonly Dictionary<string, RuleCatalogEntry> ById = All.ToDictionary(r => r.Id, StringComparer.Ordinal);

    public static RuleCatalogEntry? Find(string id) => ById.GetValueOrDefault(id ?? throw new ArgumentNullException(nameof(id)));

    /// <summary>The action of every catalogued rule under <paramref name="config"/> (its override, else the default), in catalogue order.</summary>
    public static IReadOnlyList<KeyValuePair<string, RuleAction>> EffectiveActions(NetguardConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return All.Select(r => KeyValuePair.Create(r.Id, config.Rules.TryGetValue(r.Id, out var a) ? a : r.DefaultAction)).ToList();
    }

    /// <summary>The config spelling of an action: deny, warn, off, on.</summary>
    public static string Format(RuleAction action) => action switch
    {
        RuleAction.Deny => "deny",
        RuleAction.Warn => "warn",
        RuleAction.Off => "off",
        RuleAction.On => "on",
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, null),
    };

    /// <summary>Parses deny, warn, off or on (exactly; config values are case-sensitive like Kubernetes enums).</summary>
    public static bool TryParse(string? text, out RuleAction action)
    {
        (var ok, action) = text switch
        {
            "deny" => (true, RuleAction.Deny),
            "warn" => (true, RuleAction.Warn),
            "off" => (true, RuleAction.Off),
            "on" => (true, RuleAction.On),
            _ => (false, RuleAction.Off),
        };
        return ok;
    }
}
