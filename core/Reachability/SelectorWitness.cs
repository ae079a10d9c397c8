using Netguard.Core.Kube.Models;
using Netguard.Core.Selectors;

namespace Netguard.Core.Reachability;

/// <summary>
/// Builds a label set that a selector matches, to reason about a pod a policy would select when no pods
/// are known: matchLabels as given, In takes its first value, Exists gets a placeholder value, NotIn and
/// DoesNotExist are satisfied by leaving the key out.
/// </summary>
public static class SelectorWitness
{
    public const string PlaceholderValue = "any";

    /// <summary>Labels the selector matches, or null when no label set can (e.g. <c>app=a</c> with <c>app notin (a)</c>).</summary>
    public static Dictionary<string, string>? TryBuild(LabelSelector? selector)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (selector is null)
        {
            return labels;
        }

        if (LabelSelectorMatcher.Validate(selector) is not null)
        {
            return null;
        }

        foreach (var (k, v) in selector.MatchLabels ?? [])
        {
            labels[k] = v;
        }

        foreach (var req in selector.MatchExpressions ?? [])
        {
            if (labels.ContainsKey(req.Key))
            {
                continue;
            }

            if (req.Operator == "In")
            {
                labels[req.Key] = req.Values![0];
            }
            else if (req.Operator == "Exists")
            {
                labels[req.Key] = PlaceholderValue;
            }
        }

        return LabelSelectorMatcher.Matches(selector, labels) ? labels : null;
    }
}
