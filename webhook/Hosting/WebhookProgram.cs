using System.CommandLine;
using Netguard.Webhook.Options;

namespace Netguard.Webhook.Hosting;

/// <summary>
/// The process: parse flags, check start-up inputs, serve until SIGTERM/SIGINT, drain, exit.
/// Exit codes: 0 after a clean shutdown, 2 for unusable flags or inputs (one line on stderr), 1 when the
/// address cannot be bound.
/// </summary>
public static class WebhookProgram
{
    public static async Task<int> RunAsync(string[] args, TextWriter error, TextWriter? output = null)
    {
        ArgumentNullException.ThrowIfNull(error);
        var commandLine = new WebhookCommandLine();
        var parse = commandLine.Command.Parse(args);
        if (parse.Errors.Count > 0)
        {
            await error.WriteLineAsync($"netguard-webhook: error: {parse.Errors[0].Message}");
            return 2;
        }

        commandLine.Command.SetAction(async (result, _) =>
        {
            var options = commandLine.Bind(result, out var problem);
            if (options is null)
            {
                await error.WriteLineAsync($"netguard-webhook: error: {problem}");
                return 2;
            }

            return await ServeAsync(options, error);
        });

        // The host handles SIGTERM/SIGINT itself (drain, then exit); System.CommandLine must not end the process first.
        return await parse.InvokeAsync(new InvocationConfiguration
        {
            ProcessTerminationTimeout = null,
            Output = output ?? Console.Out,
            Error = error,
        });
    }

    private static async Task<int> ServeAsync(WebhookOptions options, TextWriter error)
    {
        try
        {
            await using var app = WebhookApplication.Build(options);
            await app.RunAsync();
            return 0;
        }
        catch (StartupException e)
        {
            await error.WriteLineAsync($"netguard-webhook: error: {e.Message}");
            return 2;
        }
        catch (IOException e)
        {
            // Kestrel reports an address in use or not available as an IOException from start.
            await error.WriteLineAsync($"netguard-webhook: error: cannot listen on {options.Listen}: {e.Message.ReplaceLineEndings(" ")}");
            return 1;
        }
    }
}
