using System.Net;
using Netguard.Core.Admission;
using Netguard.Core.Config;
using Netguard.Core.Kube.Models;

namespace Netguard.Core.Rules.NetworkPolicies;

/// <summary>
/// netpol-world-cidr (SPEC §5.3): an ipBlock of <c>0.0.0.0/0</c> or <c>::/0</c> (any address with prefix
/// length 0) without <c>except</c> matches every address, pod IPs included (SPEC §8), so it quietly opens
/// the policy to the whole cluster as well as the internet.
/// </summary>
public sealed class NetpolWorldCidrRule : IAdmissionRule
{
    public RuleDescriptor Descriptor { get; } = new(
        RuleIds.NetpolWorldCidr,
        RulePhase.Validate,
        RuleAction.Warn,
        ["NetworkPolicy"],
        [AdmissionOperation.Create, AdmissionOperation.Update],
        "an ipBlock of 0.0.0.0/0 or ::/0 without except matches every address");

    public void Evaluate(RuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Subject.Typed is not NetworkPolicy policy)
        {
            return;
        }

        var ingress = policy.Spec.Ingress ?? [];
        for (var i = 0; i < ingress.Count; i++)
        {
            Check(context, $"ingress[{i}].from", ingress[i].From);
        }

        var egress = policy.Spec.Egress ?? [];
        for (var i = 0; i < egress.Count; i++)
        {
            Check(context, $"egress[{i}].to", egress[i].To);
        }
    }

    public static bool IsWorld(string cidr)
    {
        ArgumentNullException.ThrowIfNull(cidr);
        var slash = cidr.IndexOf('/', StringComparison.Ordinal);
        return slash > 0 && cidr[(slash + 1)..] == "0" && IPAddress.TryParse(cidr[..slash], out _);
    }

    private static void Check(RuleContext context, string where, List<NetworkPolicyPeer>? peers)
    {
        for (var j = 0; j < (peers?.Count ?? 0); j++)
        {
            if (peers![j].IpBlock is { } block && IsWorld(block.Cidr) && block.Except is not { Count: > 0 })
            {
                context.Report($"{where}[{j}] ipBlock {block.Cidr} has no except: it matches every address, pods included");
            }
        }
    }
}
