using System.Text;
using Netguard.Core.Qos;
using Netguard.Core.Rules.Qos;

namespace Netguard.Agent.Tests.Netns;

/// <summary>Writes the topology's pods as a --pods-file, the way `kubectl get pods -o yaml` would show them.</summary>
internal static class PodsYaml
{
    public static string For(NetnsTopology topo, params string?[] classes)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < topo.Pods.Count && i < classes.Length; i++)
        {
            var p = topo.Pods[i];
            sb.Append("---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: ").Append(p.Name).Append("\n  namespace: test\n");
            if (classes[i] is { } cls)
            {
                sb.Append("  annotations:\n    ").Append(QosAnnotations.Class).Append(": ").Append(cls).Append('\n');
            }

            sb.Append("spec:\n  nodeName: ").Append(topo.Node).Append("\n  containers: [{name: app, image: example}]\n");
            sb.Append("status:\n  phase: Running\n  podIP: ").Append(p.IPv4).Append("\n  podIPs: [{ip: ").Append(p.IPv4)
                .Append("}, {ip: \"").Append(p.IPv6).Append("\"}]\n");
        }

        return sb.ToString();
    }
}
