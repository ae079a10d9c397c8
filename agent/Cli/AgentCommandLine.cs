using System.CommandLine;
using Netguard.Agent.Hosting;

namespace Netguard.Agent.Cli;

/// <summary>The netguard-agent command line: `run` and `cleanup`. Parse errors are one line and exit 2.</summary>
public sealed class AgentCommandLine
{
    private readonly AgentEnvironment _env;

    public AgentCommandLine(AgentEnvironment env)
    {
        _env = env;
        Root = new RootCommand("netguard-agent: turns the QoS classes of the node's pods into an HTB tree and an nftables table on the uplink")
        {
            new RunCommand(env).Command,
            new CleanupCommand(env).Command,
        };
    }

    public RootCommand Root { get; }

    public async Task<int> InvokeAsync(string[] args, CancellationToken cancellationToken)
    {
        var parse = Root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            await _env.Error.WriteLineAsync($"error: {parse.Errors[0].Message}");
            return AgentExitCodes.Usage;
        }

        // The web host handles SIGTERM itself (and leaves the shaping in place); System.CommandLine must not kill the process first.
        return await parse.InvokeAsync(new InvocationConfiguration { Output = _env.Out, Error = _env.Error, ProcessTerminationTimeout = null }, cancellationToken);
    }
}
