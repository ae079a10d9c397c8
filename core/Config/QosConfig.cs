namespace Netguard.Core.Config;

public sealed class QosConfig
{
    /// <summary>Node uplink rate when the agent cannot read it.</summary>
    public RateSpec LinkRate { get; set; } = RateSpec.FromBitsPerSecond(1_000_000_000);
    public string DefaultClass { get; set; } = "standard";
    /// <summary>Order is classid order.</summary>
    public List<QosClass> Classes { get; set; } = QosClass.Defaults();
    /// <summary>First match wins.</summary>
    public List<QosAssignment> Assignments { get; set; } = QosAssignment.Defaults();
    /// <summary>Who may ask for a class with the pod annotation.</summary>
    public List<QosRequestGrant> Requests { get; set; } = QosRequestGrant.Defaults();
    public List<int> ControlPlanePorts { get; set; } = [6443, 2379, 2380, 10250, 10257, 10259];
}
