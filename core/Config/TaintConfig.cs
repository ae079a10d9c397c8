namespace Netguard.Core.Config;

public sealed class TaintConfig
{
    public string Key { get; set; } = ControlPlaneConfig.RoleKey;
    public string? Value { get; set; }
    public string Effect { get; set; } = "NoSchedule";
}
