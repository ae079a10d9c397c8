namespace Netguard.Core.Config;

public sealed class ControlPlaneConfig
{
    /// <summary>The node-role key kubeadm puts on control-plane nodes, as a label and as the NoSchedule taint's key.</summary>
    public const string RoleKey = "node-role.kubernetes.io/control-plane";

    /// <summary>Labels that mark a control-plane node (ANDed).</summary>
    public Dictionary<string, string> NodeSelector { get; set; } = new(StringComparer.Ordinal) { [RoleKey] = "" };
    public TaintConfig Taint { get; set; } = new();
    /// <summary>Pods here may tolerate or pin to control-plane nodes.</summary>
    public List<string> AllowedNamespaces { get; set; } = ["kube-system"];
    public bool AllowDaemonSets { get; set; } = true;
    /// <summary>Users or groups allowed to remove the control-plane taint.</summary>
    public List<string> TaintAdmins { get; set; } = ["system:masters"];
}
