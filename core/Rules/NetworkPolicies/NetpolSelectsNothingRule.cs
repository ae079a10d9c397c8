using Netguard.Core.Admission;
using Netguard.Core.Config;
using Netguard.Core.Kube.Models;
using Netguard.Core.Reachability;
using Netguard.Core.Selectors;

namespace Netguard.Core.Rules.NetworkPolicies;

/// <summary>
/// netpol-selects-nothing (SPEC §5.3): the podSelector matches no pod of the policy's namespace, so the
/// policy does nothing (often a label typo). Only when pods are known. An empty podSelector selects every
/// pod by definition and is left alone (a default-deny in a namespace still waiting for its pods). Pods
/// NetworkPolicy cannot apply to do not count: hostNetwork pods and finished pods.
/// </summary>
public sealed class NetpolSelectsNothingRule : IAdmissionRule
{
    public RuleDescriptor Descriptor { get; } = new(
        RuleIds.NetpolSelectsNothing,
        RulePhase.Validate,
        RuleAction.Warn,
        ["NetworkPolicy"],
        [AdmissionOperation.Create, AdmissionOperation.Update],
        "the podSelector should match a pod in the namespace");

    public void Evaluate(RuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Subject.Typed is not NetworkPolicy policy || !context.Cluster.HasPods
            || policy.Spec.PodSelector is not { } selector || LabelSelectorText.Format(selector) == "{}")
        {
            return;
        }

        var ns = context.Subject.EffectiveNamespace;
        var review = PolicyUnderReview.For(context.Cluster, policy, ns);
        if (review.Engine.SelectedPods(review.Reference).Count > 0)
        {
            return;
        }

        var inNamespace = review.Engine.Pods.Where(p => p.Namespace == ns).ToList();
        var text = LabelSelectorText.Format(selector);
        var hostNetwork = inNamespace.FirstOrDefault(p => p.HostNetwork && LabelSelectorMatcher.Validate(selector) is null && LabelSelectorMatcher.Matches(selector, p.Labels));
        context.Report(hostNetwork is not null
            ? $"podSelector {text} matches only hostNetwork pods such as {hostNetwork.Key}, which NetworkPolicy does not apply to"
            : inNamespace.Count == 0
                ? $"podSelector {text} matches no pod: namespace {ns} has no pods"
                : $"podSelector {text} matches none of the {inNamespace.Count} pods in namespace {ns}");
    }
}
