namespace Netguard.Core.Qos;

/// <summary>A pod on the node, the class its traffic goes to, why, and its addresses (canonical text, sorted).</summary>
public sealed record QosPodAssignment(string Namespace, string Name, string Class, QosClassSource Source, IReadOnlyList<string> Addresses)
{
    public bool Equals(QosPodAssignment? other) =>
        other is not null && Namespace == other.Namespace && Name == other.Name && Class == other.Class &&
        Source == other.Source && Addresses.SequenceEqual(other.Addresses);

    public override int GetHashCode() => HashCode.Combine(Namespace, Name, Class);
}
