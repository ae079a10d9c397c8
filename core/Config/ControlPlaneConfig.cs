namespace Netguard.Core.Config;

public sealed class ControlPlaneConfig
{
    /// <summary>Labels that mark a control-plane node (ANDed).</summary>
    public Dictionary<string, string> NodeSelector { get; set; } = new(StringComparer.Ordinal) { ["node-role.kubernetes.io/control-plane"] = "" };
    public TaintConfig Taint { get; set; } = new();
    /// <summary>Pods here may tolerate or pin to control-plane nodes.</summary>
    public List<string> AllowedNamespaces { get; set; } = ["kube-system"];
    public bool AllowDaemonSets { get; set; } = true;
    /// <summary>Users or groups allowed to remove the control-plane taint.</summary>
    public List<string> TaintAdmins { get; set; } = ["system:masters"];
}
