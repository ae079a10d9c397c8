using System.CommandLine;
using System.Text.Json.Nodes;
using Netguard.Core.Kube.Models;
using Netguard.Core.Reachability;
using Netguard.Plugin.Cli;
using Netguard.Plugin.Cli.Output;

namespace Netguard.Plugin.Commands.Policy;

/// <summary>
/// <c>policy explain [-n NS | -A] [-f PATH…] [-o table|json]</c>: per pod and direction, the policies that
/// select it and what each of their rules allows (named ports shown as they resolve on that pod).
/// </summary>
public static class PolicyExplainCommand
{
    public static Command Create(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var files = PolicyFileOption.Create();
        var output = OutputOption.Create(OutputFormat.Table, OutputFormat.Json);
        var command = new Command("explain", "Per pod: the policies that select it and what they allow") { files, output };
        command.SetAction((parse, ct) => RunAsync(context, parse, parse.GetValue(files), parse.GetValue(output), ct));
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, ParseResult parse, string[]? files, OutputFormat format, CancellationToken cancellationToken)
    {
        var cluster = await PolicyCluster.LoadAsync(context, parse, files, cancellationToken);
        var pods = cluster.PodsInScope(context, parse);
        if (format == OutputFormat.Json)
        {
            JsonOutput.Write(context.Out, new JsonObject
            {
                ["pods"] = new JsonArray(pods.Select(p => (JsonNode)PodJson(cluster.Engine, p)).ToArray()),
            });
        }
        else if (pods.Count == 0)
        {
            context.Error.WriteLine("no pods");
        }
        else
        {
            PolicyOutput.WriteTable(context.Out, ["POD", "DIRECTION", "POLICY", "RULE", "ALLOWS"],
                pods.SelectMany(p => Rows(cluster.Engine, p)));
        }

        return ExitCodes.Clean;
    }

    private static IEnumerable<string[]> Rows(ReachabilityEngine engine, PodEndpoint pod)
    {
        foreach (var direction in new[] { PolicyDirection.Ingress, PolicyDirection.Egress })
        {
            var name = direction == PolicyDirection.Ingress ? "ingress" : "egress";
            var policies = engine.IsolatingPolicies(pod, direction);
            if (policies.Count == 0)
            {
                yield return [pod.Key, name, "-", "-", pod.HostNetwork ? "everything (hostNetwork: policies do not apply)" : "everything (not isolated)"];
                continue;
            }

            foreach (var reference in policies)
            {
                var rules = Rules(engine.FindPolicy(reference)!, direction);
                if (rules.Count == 0)
                {
                    yield return [pod.Key, name, reference.ToString(), "-", "nothing (isolates only)"];
                }

                for (var i = 0; i < rules.Count; i++)
                {
                    yield return [pod.Key, name, reference.ToString(), $"{name}[{i}]",
                        PolicyRuleText.Rule(direction, rules[i].Peers, rules[i].Ports, reference.Namespace, direction == PolicyDirection.Ingress ? pod : null)];
                }
            }
        }
    }

    private static JsonObject PodJson(ReachabilityEngine engine, PodEndpoint pod)
    {
        var json = new JsonObject { ["pod"] = pod.Key };
        if (pod.HostNetwork)
        {
            json["hostNetwork"] = true;
        }

        foreach (var direction in new[] { PolicyDirection.Ingress, PolicyDirection.Egress })
        {
            var policies = engine.IsolatingPolicies(pod, direction);
            json[direction == PolicyDirection.Ingress ? "ingress" : "egress"] = new JsonObject
            {
                ["isolated"] = policies.Count > 0,
                ["policies"] = new JsonArray(policies.Select(reference =>
                {
                    var rules = Rules(engine.FindPolicy(reference)!, direction);
                    return (JsonNode)new JsonObject
                    {
                        ["policy"] = reference.ToString(),
                        ["rules"] = new JsonArray(rules.Select((r, i) => (JsonNode)new JsonObject
                        {
                            ["rule"] = $"{(direction == PolicyDirection.Ingress ? "ingress" : "egress")}[{i}]",
                            ["peers"] = new JsonArray(PolicyRuleText.Peers(r.Peers, reference.Namespace).Select(s => (JsonNode)JsonValue.Create(s)).ToArray()),
                            ["ports"] = new JsonArray(PolicyRuleText.Ports(r.Ports, direction == PolicyDirection.Ingress ? pod : null).Select(s => (JsonNode)JsonValue.Create(s)).ToArray()),
                            ["allows"] = PolicyRuleText.Rule(direction, r.Peers, r.Ports, reference.Namespace, direction == PolicyDirection.Ingress ? pod : null),
                        }).ToArray()),
                    };
                }).ToArray()),
            };
        }

        return json;
    }

    private static List<(List<NetworkPolicyPeer>? Peers, List<NetworkPolicyPort>? Ports)> Rules(NetworkPolicy policy, PolicyDirection direction) =>
        direction == PolicyDirection.Ingress
            ? (policy.Spec.Ingress ?? []).Select(r => (r.From, r.Ports)).ToList()
            : (policy.Spec.Egress ?? []).Select(r => (r.To, r.Ports)).ToList();
}
