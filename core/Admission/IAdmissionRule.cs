namespace Netguard.Core.Admission;

/// <summary>
/// A pure admission rule: reads the subject, the cluster snapshot and the config from the context and
/// reports findings (validations) or patch operations (mutations). No I/O.
/// </summary>
public interface IAdmissionRule
{
    RuleDescriptor Descriptor { get; }

    void Evaluate(RuleContext context);
}
