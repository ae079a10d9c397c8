using System.Text.Json.Nodes;
using Netguard.Core.Admission;
using Netguard.Core.Config;
using Netguard.Core.JsonPatch;

namespace Netguard.Webhook.Tests.Infrastructure;

/// <summary>
/// Small rules with obvious behaviour, keyed by labels on the object, to pin the webhook's response shape
/// independently of the real rules (those have their own fixture tests).
/// </summary>
internal static class TestRules
{
    public const string Deny = "test-deny";
    public const string DenyToo = "test-deny-too";
    public const string Warn = "test-warn";
    public const string Annotate = "test-annotate";
    public const string Throws = "test-throws";

    /// <summary>The annotation <see cref="Annotate"/> adds to Pods that lack it.</summary>
    public const string StampAnnotation = "example.com/stamped";

    /// <summary>A 150-character warning message (longer than Kubernetes' 120).</summary>
    public static readonly string LongMessage = "this policy allows traffic from everywhere, " + new string('x', 150 - 44);

    private static readonly string[] Pods = ["Pod"];
    private static readonly string[] PodsAndPolicies = ["Pod", "NetworkPolicy"];

    public static List<IAdmissionRule> All() =>
    [
        new DelegateRule(DelegateRule.Describe(Annotate, RulePhase.Mutate, RuleAction.On, Pods, AdmissionOperation.Create), Stamp),
        new DelegateRule(DelegateRule.Describe(Deny, RulePhase.Validate, RuleAction.Deny, Pods, AdmissionOperation.Create, AdmissionOperation.Update),
            c => ReportIfLabel(c, "test/deny", "the pod carries test/deny")),
        new DelegateRule(DelegateRule.Describe(DenyToo, RulePhase.Validate, RuleAction.Deny, Pods, AdmissionOperation.Create, AdmissionOperation.Update),
            c => ReportIfLabel(c, "test/deny-too", "the pod carries test/deny-too")),
        new DelegateRule(DelegateRule.Describe(Warn, RulePhase.Validate, RuleAction.Warn, PodsAndPolicies, AdmissionOperation.Create, AdmissionOperation.Update),
            c => ReportIfLabel(c, "test/warn", LongMessage)),
        new DelegateRule(DelegateRule.Describe(Throws, RulePhase.All, RuleAction.Deny, Pods, AdmissionOperation.Create, AdmissionOperation.Update),
            c =>
            {
                if (HasLabel(c, "test/boom"))
                {
                    throw new InvalidOperationException("boom");
                }
            }),
    ];

    public static bool HasLabel(RuleContext context, string label) =>
        context.Subject.Typed.Metadata.Labels?.ContainsKey(label) == true;

    private static void ReportIfLabel(RuleContext context, string label, string message)
    {
        if (HasLabel(context, label))
        {
            context.Report(message);
        }
    }

    // Idempotent, like the real mutations: a pod that has the annotation is left alone.
    private static void Stamp(RuleContext context)
    {
        var metadata = context.Subject.Object["metadata"] as JsonObject;
        if (metadata?["annotations"] is JsonObject annotations)
        {
            if (!annotations.ContainsKey(StampAnnotation))
            {
                context.Mutate("stamped", JsonPatchOperation.Add("/metadata/annotations/" + JsonPointer.Escape(StampAnnotation), "yes"));
            }
        }
        else
        {
            context.Mutate("stamped", JsonPatchOperation.Add("/metadata/annotations", new JsonObject { [StampAnnotation] = "yes" }));
        }
    }
}
