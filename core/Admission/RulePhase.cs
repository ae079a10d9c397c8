namespace Netguard.Core.Admission;

/// <summary>When a rule runs: mutations first (the mutating webhook), then validations on the mutated object.</summary>
[Flags]
public enum RulePhase
{
    None = 0,
    Mutate = 1,
    Validate = 2,
    All = Mutate | Validate,
}
