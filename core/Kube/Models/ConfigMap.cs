namespace Netguard.Core.Kube.Models;

public sealed class ConfigMap : KubeObject
{
    public Dictionary<string, string>? Data { get; set; }
}
