using System.Globalization;
using Netguard.Core.Qos;

namespace Netguard.Agent.Kernel;

/// <summary>
/// Compares a plan with the kernel state and lists the smallest set of commands that converges it.
/// Every command is idempotent (replace, or delete of something present), so a batch cut short by a
/// crash leaves a state the next diff converges from.
/// </summary>
public static class KernelDiff
{
    public static KernelChangeSet Diff(QosPlan plan, KernelState state, bool force)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(state);
        var device = plan.Device;
        var reasons = new List<string>();
        var tc = new List<string>();

        var root = state.Root;
        string? rebuild = null;
        var deleteRoot = false;
        if (root is null || root.IsKernelDefault)
        {
            rebuild = "device has the kernel's default qdisc";
        }
        else if (!root.IsNetguard)
        {
            var owner = $"{root.Kind} {root.Handle}";
            if (!force)
            {
                return KernelChangeSet.Refused(
                    $"device {device} has a root qdisc that netguard does not own ({owner}); refusing to replace it (use --force to take it over)");
            }

            rebuild = $"taking over the root qdisc {owner} (--force)";
            deleteRoot = true;
        }
        else if (root.Kind != "htb")
        {
            rebuild = $"root qdisc {root.Handle} is {root.Kind}, not htb";
            deleteRoot = true;
        }
        else if (!root.Options.TryGetValue("default", out var def) || !TcHandle.TryParse("0:" + def, out var d) || d.Minor != plan.Htb.DefaultClass.Minor)
        {
            // HTB has no change operation: a different default class means a new qdisc.
            rebuild = $"default class differs (kernel {def ?? "none"}, plan {plan.Htb.DefaultClass})";
            deleteRoot = true;
        }

        if (rebuild is not null)
        {
            reasons.Add(rebuild);
            if (deleteRoot)
            {
                tc.Add(TcCommandWriter.DeleteRoot(device));
            }

            tc.AddRange(TcCommandWriter.CreateAll(device, plan.Htb));
        }
        else
        {
            DiffClasses(plan, state, tc, reasons);
        }

        string? nft = null;
        if (state.Table is null)
        {
            reasons.Add("nft table inet netguard is missing");
            nft = NftScriptWriter.Replace(plan.Nft);
        }
        else if (!state.Table.Equals(plan.Nft))
        {
            // Only addresses changed (pods came, went, or changed class): add and delete those elements in one
            // transaction. Any other difference (a rule, a set's type, something the agent never writes)
            // replaces the whole table.
            if (NftTableDiff.ElementDeltas(state.Table, plan.Nft) is { Count: > 0 } deltas)
            {
                reasons.Add("nft set elements differ: " + string.Join(", ", deltas.Select(d => $"{d.Set} -{d.Removed.Count} +{d.Added.Count}")));
                nft = NftScriptWriter.UpdateElements(plan.Nft, deltas);
            }
            else
            {
                reasons.Add("nft table inet netguard differs");
                nft = NftScriptWriter.Replace(plan.Nft);
            }
        }

        return new KernelChangeSet(tc, nft, reasons, null);
    }

    private static void DiffClasses(QosPlan plan, KernelState state, List<string> tc, List<string> reasons)
    {
        var device = plan.Device;
        var current = state.Classes.Where(c => c.Kind == "htb" && c.ClassId.Major == TcHandle.NetguardMajor)
            .GroupBy(c => c.ClassId).ToDictionary(g => g.Key, g => g.First());
        var planned = plan.Htb.Classes.ToList();
        var plannedIds = planned.Select(c => c.ClassId).ToHashSet();

        // Classes the plan no longer has: leaves (deepest) first so parents are empty when their turn comes.
        foreach (var extra in current.Values.Where(c => !plannedIds.Contains(c.ClassId)).OrderBy(c => c.Level ?? 0).ThenByDescending(c => c.ClassId.Value))
        {
            reasons.Add($"class {extra.ClassId} is not in the plan");
            tc.Add(TcCommandWriter.DeleteClass(device, extra.ClassId));
        }

        var regrafted = new HashSet<TcHandle>();
        foreach (var c in planned)
        {
            if (!current.TryGetValue(c.ClassId, out var k))
            {
                reasons.Add($"class {c.ClassId} ({c.Name}) is missing");
                tc.Add(TcCommandWriter.ReplaceClass(device, c));
                regrafted.Add(c.ClassId);
            }
            else if (k.Parent != c.Parent)
            {
                // The kernel ignores a new parent on change: delete and create.
                reasons.Add($"class {c.ClassId} hangs under {k.Parent}, not {c.Parent}");
                tc.Add(TcCommandWriter.DeleteClass(device, c.ClassId));
                tc.Add(TcCommandWriter.ReplaceClass(device, c));
                regrafted.Add(c.ClassId);
            }
            else if (Describe(k, c) is { } difference)
            {
                reasons.Add($"class {c.ClassId} ({c.Name}): {difference}");
                tc.Add(TcCommandWriter.ReplaceClass(device, c));
            }
        }

        foreach (var c in plan.Htb.Leaves)
        {
            var leaf = c.LeafQdisc!;
            var q = state.Qdiscs.FirstOrDefault(x => x.Parent == c.ClassId);
            string? why = regrafted.Contains(c.ClassId) ? null
                : q is null ? "missing"
                : q.Kind != leaf.Kind ? $"{q.Kind}, want {leaf.Kind}"
                : leaf.Options.Where(o => !q.Options.TryGetValue(o.Key, out var v) || v != o.Value.ToString(CultureInfo.InvariantCulture))
                    .Select(o => $"{o.Key} {q.Options.GetValueOrDefault(o.Key) ?? "unset"}, want {o.Value.ToString(CultureInfo.InvariantCulture)}")
                    .FirstOrDefault();
            if (regrafted.Contains(c.ClassId) || why is not null)
            {
                if (why is not null)
                {
                    reasons.Add($"leaf qdisc of {c.ClassId}: {why}");
                }

                tc.Add(TcCommandWriter.ReplaceLeafQdisc(device, c));
            }
        }
    }

    /// <summary>The first difference between a kernel class and its plan, or null. Inner classes print no prio/quantum.</summary>
    private static string? Describe(TcClass k, HtbClassPlan c)
    {
        var rate = TcRateText.Format(c.RateBitsPerSecond);
        var ceil = TcRateText.Format(c.CeilBitsPerSecond);
        if (k.Rate != rate)
        {
            return $"rate {k.Rate}, want {rate}";
        }

        if (k.Ceil != ceil)
        {
            return $"ceil {k.Ceil}, want {ceil}";
        }

        if (c.Priority is { } prio && k.Level is null or 0)
        {
            if (k.Priority != prio)
            {
                return $"prio {k.Priority}, want {prio}";
            }

            if (k.Quantum != c.Quantum)
            {
                return $"quantum {k.Quantum}, want {c.Quantum}";
            }
        }

        return null;
    }
}
