namespace Netguard.Core.Qos;

/// <summary>The HTB tree: root qdisc 6e67: with its default class, the parent class 6e67:1 at link rate, and the leaves.</summary>
public sealed record HtbPlan(TcHandle RootHandle, TcHandle DefaultClass, HtbClassPlan Parent, IReadOnlyList<HtbClassPlan> Leaves)
{
    /// <summary>Parent first, then the leaves in classid order.</summary>
    public IEnumerable<HtbClassPlan> Classes => Leaves.Prepend(Parent);

    public bool Equals(HtbPlan? other) =>
        other is not null && RootHandle == other.RootHandle && DefaultClass == other.DefaultClass &&
        Parent == other.Parent && Leaves.SequenceEqual(other.Leaves);

    public override int GetHashCode() => HashCode.Combine(RootHandle, DefaultClass, Parent, Leaves.Count);
}
