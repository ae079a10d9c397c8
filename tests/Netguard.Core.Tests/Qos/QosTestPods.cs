using Netguard.Core.Kube.Models;
using Netguard.Core.Qos;
using Netguard.Core.Rules.Qos;

namespace Netguard.Core.Tests.Qos;

internal static class QosTestPods
{
    public static Pod Pod(string ns, string name, string? qosClass, params string[] ips)
    {
        var pod = new Pod
        {
            Metadata = new ObjectMeta { Namespace = ns, Name = name },
            Spec = new PodSpec(),
            Status = new PodStatus { Phase = "Running" },
        };
        if (qosClass is not null)
        {
            pod.Metadata.Annotations = new() { [QosAnnotations.Class] = qosClass };
        }

        if (ips.Length > 0)
        {
            pod.Status.PodIP = ips[0];
            pod.Status.PodIPs = ips.Select(ip => new PodIP { Ip = ip }).ToList();
        }

        return pod;
    }
}
