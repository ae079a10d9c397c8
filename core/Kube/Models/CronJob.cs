namespace Netguard.Core.Kube.Models;

public sealed class CronJob : KubeObject
{
    public CronJobSpec? Spec { get; set; }
}
