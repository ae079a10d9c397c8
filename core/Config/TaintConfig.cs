namespace Netguard.Core.Config;

public sealed class TaintConfig
{
    public string Key { get; set; } = "node-role.kubernetes.io/control-plane";
    public string? Value { get; set; }
    public string Effect { get; set; } = "NoSchedule";
}
