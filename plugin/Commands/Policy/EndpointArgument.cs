using System.Net;
using Netguard.Core.Reachability;
using Netguard.Plugin.Cli;

namespace Netguard.Plugin.Commands.Policy;

/// <summary>
/// Reads <c>--from</c>/<c>--to</c>: <c>namespace/pod</c>, a bare pod name (in the default namespace), or an
/// IPv4/IPv6 address. An address that belongs to a pod is that pod.
/// </summary>
internal static class EndpointArgument
{
    public static ReachEndpoint Resolve(string option, string text, PolicyCluster cluster)
    {
        var engine = cluster.Engine;
        if (LooksLikeAddress(text))
        {
            if (!IPAddress.TryParse(text, out var address) || (!text.Contains(':', StringComparison.Ordinal) && text.Count(c => c == '.') != 3))
            {
                throw CliException.Input($"{option}: \"{text}\" is not a valid IP address");
            }

            return engine.FindPodByAddress(address) is { } owner ? ReachEndpoint.ForPod(owner) : ReachEndpoint.ForAddress(address);
        }

        var parts = text.Split('/');
        if (parts.Length > 2 || parts.Any(p => p.Length == 0))
        {
            throw CliException.Input($"{option}: \"{text}\" is neither NAMESPACE/POD nor an IP address");
        }

        var (ns, name) = parts.Length == 2 ? (parts[0], parts[1]) : (cluster.DefaultNamespace, parts[0]);
        if (engine.FindPod(ns, name) is { } pod)
        {
            return ReachEndpoint.ForPod(pod);
        }

        if (!engine.HasNamespace(ns))
        {
            throw CliException.Input($"{option}: namespace \"{ns}\" not found" + (parts.Length == 1 ? " (give NAMESPACE/POD, or -n)" : ""));
        }

        var known = engine.Pods.Where(p => p.Namespace == ns).Select(p => p.Name).Order(StringComparer.Ordinal).ToList();
        var hint = known.Count == 0 ? "it has no pods" : "it has " + string.Join(", ", known.Take(5)) + (known.Count > 5 ? $" and {known.Count - 5} more" : "");
        throw CliException.Input($"{option}: pod \"{name}\" not found in namespace \"{ns}\" ({hint})");
    }

    private static bool LooksLikeAddress(string text) =>
        text.Contains(':', StringComparison.Ordinal) || (text.Length > 0 && text.All(c => char.IsAsciiDigit(c) || c == '.') && text.Contains('.', StringComparison.Ordinal));
}
