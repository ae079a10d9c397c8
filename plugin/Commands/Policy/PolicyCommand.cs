using System.CommandLine;
using Netguard.Plugin.Cli;

namespace Netguard.Plugin.Commands.Policy;

/// <summary><c>policy reach | matrix | explain</c>: NetworkPolicy reachability, live or offline on manifests (SPEC §7, §8).</summary>
public static class PolicyCommand
{
    public static Command Create(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new Command("policy", "Ask what NetworkPolicies allow: one connection, a matrix, or per pod")
        {
            PolicyReachCommand.Create(context),
            PolicyMatrixCommand.Create(context),
            PolicyExplainCommand.Create(context),
        };
    }
}
