using Netguard.Core.Admission;
using Netguard.Core.Config;

namespace Netguard.Webhook.Tests.Infrastructure;

/// <summary>A rule made of a descriptor and a function: test rules whose behaviour a test can see at a glance.</summary>
internal sealed class DelegateRule(RuleDescriptor descriptor, Action<RuleContext> evaluate) : IAdmissionRule
{
    public RuleDescriptor Descriptor { get; } = descriptor;

    public void Evaluate(RuleContext context) => evaluate(context);

    public static RuleDescriptor Describe(string id, RulePhase phase, RuleAction action, string[] kinds, params AdmissionOperation[] operations) =>
        new(id, phase, action, kinds, operations, "test rule " + id);
}
