using System.Globalization;
using Netguard.Core.Config;
using Netguard.Core.Kube.Models;
using Netguard.Core.Selectors;

namespace Netguard.Core.Rules.ControlPlane;

/// <summary>
/// Where a pod's spec lets the scheduler put it: <c>nodeSelector</c> ANDed with the required node
/// affinity (its terms ORed, each term's requirements ANDed), with the semantics of the Kubernetes docs
/// ("Assigning Pods to Nodes"): an empty term matches no node; NotIn and DoesNotExist match nodes without
/// the key; Gt/Lt compare the label as an integer.
/// </summary>
public static class PodPlacement
{
    /// <summary>True when the spec restricts nodes by label or field (nodeName aside).</summary>
    public static bool HasNodeConstraints(PodSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return spec.NodeSelector is { Count: > 0 } || RequiredTerms(spec) is not null;
    }

    /// <summary>True when <paramref name="node"/> satisfies the spec's nodeSelector and required node affinity.</summary>
    public static bool Satisfies(PodSpec spec, Node node)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(node);
        var labels = node.Metadata.Labels;
        if (spec.NodeSelector is { } selector)
        {
            foreach (var (key, value) in selector)
            {
                if (labels is null || !labels.TryGetValue(key, out var actual) || actual != value)
                {
                    return false;
                }
            }
        }

        var terms = RequiredTerms(spec);
        return terms is null || terms.Any(t => TermMatches(t, node));
    }

    public static bool TermMatches(NodeSelectorTerm term, Node node)
    {
        ArgumentNullException.ThrowIfNull(term);
        ArgumentNullException.ThrowIfNull(node);
        var expressions = term.MatchExpressions ?? [];
        var fields = term.MatchFields ?? [];
        if (expressions.Count == 0 && fields.Count == 0)
        {
            return false;
        }

        return expressions.All(r => Matches(r, node.Metadata.Labels)) && fields.All(r => MatchesField(r, node));
    }

    public static bool Matches(NodeSelectorRequirement requirement, IReadOnlyDictionary<string, string>? labels)
    {
        ArgumentNullException.ThrowIfNull(requirement);
        if (LabelSelectorMatcher.MatchesSetOperator(requirement.Operator, requirement.Key, requirement.Values, labels) is { } matched)
        {
            return matched;
        }

        // Node selectors add Gt and Lt; an unknown operator matches nothing.
        string? value = null;
        var has = labels is not null && labels.TryGetValue(requirement.Key, out value);
        var values = requirement.Values ?? [];
        return requirement.Operator switch
        {
            "Gt" => has && Compare(value!, values) is > 0,
            "Lt" => has && Compare(value!, values) is < 0,
            _ => false,
        };
    }

    /// <summary>matchFields supports only metadata.name with In/NotIn.</summary>
    public static bool MatchesField(NodeSelectorRequirement requirement, Node node)
    {
        ArgumentNullException.ThrowIfNull(requirement);
        ArgumentNullException.ThrowIfNull(node);
        if (requirement.Key != "metadata.name")
        {
            return false;
        }

        var fields = new Dictionary<string, string>(StringComparer.Ordinal) { ["metadata.name"] = node.Metadata.Name ?? "" };
        return requirement.Operator is "In" or "NotIn" && Matches(requirement, fields);
    }

    /// <summary>
    /// Structural check, without knowing any node: can the spec only be satisfied by nodes that carry
    /// every label of <c>controlPlane.nodeSelector</c>? A label is forced by a nodeSelector entry with its
    /// value, an <c>In</c> whose values are all that value, or — for presence labels (value "") such as
    /// <c>node-role.kubernetes.io/control-plane</c> — <c>Exists</c>. Every satisfiable required term must force it.
    /// </summary>
    public static bool ForcesControlPlane(PodSpec spec, ControlPlaneConfig config)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(config);
        if (config.NodeSelector.Count == 0)
        {
            return false;
        }

        var terms = RequiredTerms(spec);
        if (terms is null)
        {
            return config.NodeSelector.All(cp => Forces(spec.NodeSelector, [], cp.Key, cp.Value));
        }

        var satisfiable = terms.Where(t => (t.MatchExpressions?.Count ?? 0) + (t.MatchFields?.Count ?? 0) > 0).ToList();
        return satisfiable.Count > 0 && satisfiable.All(t =>
            config.NodeSelector.All(cp => Forces(spec.NodeSelector, t.MatchExpressions ?? [], cp.Key, cp.Value)));
    }

    private static bool Forces(Dictionary<string, string>? nodeSelector, List<NodeSelectorRequirement> expressions, string key, string value)
    {
        if (nodeSelector is not null && nodeSelector.TryGetValue(key, out var wanted) && wanted == value)
        {
            return true;
        }

        return expressions.Any(r => r.Key == key && r.Operator switch
        {
            "In" => r.Values is { Count: > 0 } vs && vs.All(v => v == value),
            "Exists" => value.Length == 0,
            _ => false,
        });
    }

    private static List<NodeSelectorTerm>? RequiredTerms(PodSpec spec) =>
        spec.Affinity?.NodeAffinity?.RequiredDuringSchedulingIgnoredDuringExecution?.NodeSelectorTerms;

    private static int? Compare(string labelValue, List<string> values)
    {
        if (values.Count != 1
            || !long.TryParse(labelValue, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var actual)
            || !long.TryParse(values[0], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var bound))
        {
            return null;
        }

        return actual.CompareTo(bound);
    }
}
