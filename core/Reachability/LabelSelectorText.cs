using Netguard.Core.Kube.Models;

namespace Netguard.Core.Reachability;

/// <summary>A label selector in kubectl's -l syntax: <c>app=web,tier in (api,db),!legacy</c>; empty prints as <c>{}</c>.</summary>
public static class LabelSelectorText
{
    public static string Format(LabelSelector? selector)
    {
        var parts = new List<string>();
        foreach (var (k, v) in (selector?.MatchLabels ?? []).OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            parts.Add($"{k}={v}");
        }

        foreach (var req in selector?.MatchExpressions ?? [])
        {
            parts.Add(req.Operator switch
            {
                "In" => $"{req.Key} in ({string.Join(',', req.Values ?? [])})",
                "NotIn" => $"{req.Key} notin ({string.Join(',', req.Values ?? [])})",
                "Exists" => req.Key,
                "DoesNotExist" => "!" + req.Key,
                _ => $"{req.Key} {req.Operator} ({string.Join(',', req.Values ?? [])})",
            });
        }

        return parts.Count == 0 ? "{}" : string.Join(',', parts);
    }
}
