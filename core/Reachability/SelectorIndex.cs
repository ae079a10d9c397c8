using System.Text;
using Netguard.Core.Kube.Models;
using Netguard.Core.Selectors;

namespace Netguard.Core.Reachability;

/// <summary>
/// Answers "which pods does this selector match" with bitsets: an inverted index from label key and
/// key=value to pods, combined per requirement, and cached per distinct selector (policies repeat
/// selectors a lot). hostNetwork pods are left out: selectors never match them.
/// </summary>
internal sealed class SelectorIndex
{
    private readonly int _capacity;
    private readonly PodSet _selectable;
    private readonly PodSet _empty;
    private readonly Dictionary<string, PodSet> _withKey = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Key, string Value), PodSet> _withLabel = [];
    private readonly Dictionary<string, PodSet> _inNamespace = new(StringComparer.Ordinal);
    private readonly IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> _namespaceLabels;
    private readonly Dictionary<string, PodSet> _podSelectorCache = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PodSet> _namespaceSelectorCache = new(StringComparer.Ordinal);

    public SelectorIndex(IReadOnlyList<PodEndpoint> pods, IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> namespaceLabels)
    {
        _capacity = pods.Count;
        _selectable = new PodSet(_capacity);
        _empty = new PodSet(_capacity);
        _namespaceLabels = namespaceLabels;
        foreach (var pod in pods)
        {
            if (pod.HostNetwork)
            {
                continue;
            }

            _selectable.Add(pod.Index);
            Get(_inNamespace, pod.Namespace).Add(pod.Index);
            foreach (var (key, value) in pod.Labels)
            {
                Get(_withKey, key).Add(pod.Index);
                Get(_withLabel, (key, value)).Add(pod.Index);
            }
        }
    }

    /// <summary>Selectable pods of one namespace. Do not modify the result.</summary>
    public PodSet PodsIn(string ns) => _inNamespace.GetValueOrDefault(ns) ?? _empty;

    /// <summary>Selectable pods, any namespace, whose labels match. Do not modify the result.</summary>
    public PodSet MatchPods(LabelSelector selector)
    {
        var key = CanonicalKey(selector);
        if (!_podSelectorCache.TryGetValue(key, out var set))
        {
            _podSelectorCache[key] = set = Evaluate(selector);
        }

        return set;
    }

    /// <summary>Selectable pods of every namespace whose labels match. Do not modify the result.</summary>
    public PodSet PodsInNamespacesMatching(LabelSelector selector)
    {
        var key = CanonicalKey(selector);
        if (!_namespaceSelectorCache.TryGetValue(key, out var set))
        {
            set = new PodSet(_capacity);
            if (LabelSelectorMatcher.Validate(selector) is null)
            {
                foreach (var (ns, labels) in _namespaceLabels)
                {
                    if (LabelSelectorMatcher.Matches(selector, labels))
                    {
                        set.UnionWith(PodsIn(ns));
                    }
                }
            }

            _namespaceSelectorCache[key] = set;
        }

        return set;
    }

    private PodSet Evaluate(LabelSelector selector)
    {
        if (LabelSelectorMatcher.Validate(selector) is not null)
        {
            return _empty;
        }

        var result = _selectable.Clone();
        foreach (var (key, value) in selector.MatchLabels ?? [])
        {
            result.IntersectWith(_withLabel.GetValueOrDefault((key, value)) ?? _empty);
        }

        foreach (var req in selector.MatchExpressions ?? [])
        {
            switch (req.Operator)
            {
                case "In":
                    result.IntersectWith(AnyOf(req));
                    break;
                case "NotIn":
                    // Pods without the key satisfy NotIn.
                    result.ExceptWith(AnyOf(req));
                    break;
                case "Exists":
                    result.IntersectWith(_withKey.GetValueOrDefault(req.Key) ?? _empty);
                    break;
                case "DoesNotExist":
                    result.ExceptWith(_withKey.GetValueOrDefault(req.Key) ?? _empty);
                    break;
            }
        }

        return result;
    }

    private PodSet AnyOf(LabelSelectorRequirement req)
    {
        var set = new PodSet(_capacity);
        foreach (var v in req.Values ?? [])
        {
            if (_withLabel.TryGetValue((req.Key, v), out var pods))
            {
                set.UnionWith(pods);
            }
        }

        return set;
    }

    private PodSet Get<TKey>(Dictionary<TKey, PodSet> map, TKey key)
        where TKey : notnull
    {
        if (!map.TryGetValue(key, out var set))
        {
            map[key] = set = new PodSet(_capacity);
        }

        return set;
    }

    /// <summary>A string equal for selectors that match the same way (order of labels and values does not matter).</summary>
    internal static string CanonicalKey(LabelSelector selector)
    {
        var sb = new StringBuilder();
        foreach (var (k, v) in (selector.MatchLabels ?? []).OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            sb.Append(k).Append('=').Append(v).Append('\u0001');
        }

        sb.Append('\u0002');
        foreach (var req in (selector.MatchExpressions ?? [])
            .Select(r => (r.Key, r.Operator, Values: string.Join('\u0003', (r.Values ?? []).Order(StringComparer.Ordinal))))
            .Order())
        {
            sb.Append(req.Key).Append('\u0004').Append(req.Operator).Append('\u0004').Append(req.Values).Append('\u0001');
        }

        return sb.ToString();
    }
}
