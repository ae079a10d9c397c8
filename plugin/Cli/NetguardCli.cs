using System.CommandLine;
using System.CommandLine.Help;
using Netguard.Core.Kube.Errors;
using Netguard.Plugin.Commands.Check;
using Netguard.Plugin.Commands.Version;

namespace Netguard.Plugin.Cli;

/// <summary>The kubectl-netguard command tree and its invocation: parse, run, map errors to one line and an exit code.</summary>
public static class NetguardCli
{
    public static RootCommand Build(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var root = new RootCommand("kubectl netguard: keep control-plane traffic, scheduling and NetworkPolicies in line");
        foreach (var option in context.Flags.All)
        {
            root.Add(option);
        }

        // Commands register here, one class per command.
        root.Add(VersionCommand.Create(context));
        root.Add(CheckCommand.Create(context));
        root.Add(Commands.Config.ConfigCommand.Create(context, (parse, ct) => LiveConfig.ReadForViewAsync(context, parse, ct)));
        root.Add(Commands.Policy.PolicyCommand.Create(context));
        root.Add(Commands.Audit.AuditCommand.Create(context));
        root.Add(Commands.Qos.QosCommand.Create(context));
        root.Add(Commands.Taints.TaintsCommand.Create(context));
        root.Add(Commands.Tc.TcCommand.Create(context));
        root.Add(Commands.Status.StatusCommand.Create(context));
        root.Add(Commands.Install.InstallCommand.Create(context));
        root.SetAction(parse =>
        {
            new HelpAction().Invoke(parse);
            return ExitCodes.Clean;
        });
        return root;
    }

    public static async Task<int> RunAsync(string[] args, CliEnvironment environment, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var context = new CliContext(environment, new KubeFlags());
        var root = Build(context);

        // "help [COMMAND…]" is "[COMMAND…] --help", as in kubectl.
        if (args is ["help", var topic, ..] && !root.Subcommands.Any(c => c.Name == topic))
        {
            environment.Error.WriteLine($"error: unknown command '{topic}' (see --help)");
            return ExitCodes.Input;
        }

        var parse = root.Parse(args is ["help", .. var rest] ? [.. rest, "--help"] : args);
        if (parse.Errors.Count > 0)
        {
            // A mistyped subcommand ("config bogus") also makes its group report a missing command; name the typo.
            var message = parse.UnmatchedTokens.Count > 0
                ? $"unknown command or argument '{parse.UnmatchedTokens[0]}' (see --help)"
                : parse.Errors[0].Message;
            environment.Error.WriteLine($"error: {message}");
            return ExitCodes.Input;
        }

        try
        {
            var config = new InvocationConfiguration
            {
                Output = environment.Out,
                Error = environment.Error,
                EnableDefaultExceptionHandler = false,

                // Signals are the host's (Program.cs): it cancels cancellationToken, which is what the commands watch.
                ProcessTerminationTimeout = null,
            };
            return await parse.InvokeAsync(config, cancellationToken);
        }
        catch (CliException e)
        {
            environment.Error.WriteLine($"error: {e.Message}");
            return e.ExitCode;
        }
        catch (KubeConfigException e)
        {
            // Unusable kubeconfig or connection flags: the user's input.
            environment.Error.WriteLine($"error: {OneLine(e.Message)}");
            return ExitCodes.Input;
        }
        catch (KubeException e)
        {
            // API errors, unreachable server, TLS failures, credential plugins.
            environment.Error.WriteLine($"error: {OneLine(e.Message)}");
            return ExitCodes.Api;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            environment.Error.WriteLine("error: interrupted");
            return ExitCodes.Interrupted;
        }
    }

    private static string OneLine(string message) => message.ReplaceLineEndings(" ").Trim();
}
