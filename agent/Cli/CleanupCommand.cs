using System.CommandLine;
using Netguard.Agent.Hosting;
using Netguard.Agent.Kernel;
using Netguard.Agent.Reconcile;

namespace Netguard.Agent.Cli;

/// <summary>`netguard-agent cleanup [--device DEV]`: removes exactly what the agent owns (SPEC §6.1).</summary>
public sealed class CleanupCommand
{
    private readonly Option<string?> _device = new("--device") { Description = "only this device (or auto); default: every device with netguard's root qdisc" };

    public CleanupCommand(AgentEnvironment env)
    {
        Command = new Command("cleanup", "remove netguard's root qdiscs (handle 6e67:) and its nft table inet netguard") { _device };
        Command.SetAction(async (parse, ct) =>
        {
            try
            {
                var device = parse.GetValue(_device) is { Length: > 0 } d ? await new DefaultRouteDevice(env.Runner).ResolveAsync(d, ct) : null;
                var removed = await new AgentCleanup(env.Runner).CleanupAsync(device, ct);
                foreach (var item in removed)
                {
                    await env.Error.WriteLineAsync($"removed {item}");
                }

                if (removed.Count == 0)
                {
                    await env.Error.WriteLineAsync("nothing to remove: netguard owns no qdisc or table here");
                }

                return AgentExitCodes.Ok;
            }
            catch (KernelToolException e)
            {
                await env.Error.WriteLineAsync($"error: {e.Message}");
                return AgentExitCodes.NotConverged;
            }
        });
    }

    public Command Command { get; }
}
