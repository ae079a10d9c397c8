using Netguard.Core.Kube.Models;

namespace Netguard.Core.Selectors;

/// <summary>
/// metav1.LabelSelector semantics: matchLabels and matchExpressions are ANDed; an empty selector
/// matches everything; NotIn and DoesNotExist match objects that lack the key.
/// </summary>
public static class LabelSelectorMatcher
{
    public static bool Matches(LabelSelector selector, IReadOnlyDictionary<string, string>? labels)
    {
        ArgumentNullException.ThrowIfNull(selector);
        if (selector.MatchLabels is { } ml)
        {
            foreach (var (key, value) in ml)
            {
                if (labels is null || !labels.TryGetValue(key, out var actual) || actual != value)
                {
                    return false;
                }
            }
        }

        if (selector.MatchExpressions is { } exprs)
        {
            foreach (var req in exprs)
            {
                if (!Matches(req, labels))
                {
                    return false;
                }
            }
        }

        return true;
    }

    public static bool Matches(LabelSelectorRequirement requirement, IReadOnlyDictionary<string, string>? labels)
    {
        ArgumentNullException.ThrowIfNull(requirement);
        return MatchesSetOperator(requirement.Operator, requirement.Key, requirement.Values, labels)
            ?? throw new ArgumentException($"unknown label selector operator \"{requirement.Operator}\"", nameof(requirement));
    }

    /// <summary>
    /// The set-based operators label selectors and node selectors share (In, NotIn, Exists, DoesNotExist; a
    /// missing key matches NotIn and DoesNotExist); null for any other operator.
    /// </summary>
    internal static bool? MatchesSetOperator(string? op, string key, IReadOnlyList<string>? values, IReadOnlyDictionary<string, string>? labels)
    {
        string? value = null;
        var has = labels is not null && labels.TryGetValue(key, out value);
        return op switch
        {
            "In" => has && (values ?? []).Contains(value!, StringComparer.Ordinal),
            "NotIn" => !has || !(values ?? []).Contains(value!, StringComparer.Ordinal),
            "Exists" => has,
            "DoesNotExist" => !has,
            _ => null,
        };
    }

    /// <summary>True when every key/value of <paramref name="required"/> is on <paramref name="labels"/> (an empty map matches all).</summary>
    public static bool MatchesLabels(IReadOnlyDictionary<string, string>? required, IReadOnlyDictionary<string, string>? labels)
    {
        if (required is null)
        {
            return true;
        }

        foreach (var (key, value) in required)
        {
            if (labels is null || !labels.TryGetValue(key, out var actual) || actual != value)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A selector problem (unknown operator, values where none are allowed), or null when valid.</summary>
    public static string? Validate(LabelSelector selector)
    {
        ArgumentNullException.ThrowIfNull(selector);
        foreach (var req in selector.MatchExpressions ?? [])
        {
            var count = req.Values?.Count ?? 0;
            switch (req.Operator)
            {
                case "In" or "NotIn" when count == 0:
                    return $"matchExpressions key \"{req.Key}\": operator {req.Operator} needs at least one value";
                case "Exists" or "DoesNotExist" when count > 0:
                    return $"matchExpressions key \"{req.Key}\": operator {req.Operator} takes no values";
                case "In" or "NotIn" or "Exists" or "DoesNotExist":
                    break;
                default:
                    return $"matchExpressions key \"{req.Key}\": unknown operator \"{req.Operator}\"";
            }
        }

        return null;
    }
}
