namespace Netguard.Core.Admission;

/// <summary>What a finding did to the request; serialized lower-case ("deny", "warn", "mutate").</summary>
public enum FindingAction
{
    Deny,
    Warn,
    Mutate,
}
