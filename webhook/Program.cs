using System.CommandLine;
using Netguard.Webhook.Hosting;
using Netguard.Webhook.Options;

// netguard-webhook: parse flags, check start-up inputs (exit 2 with one line when unusable), serve until SIGTERM.
var commandLine = new WebhookCommandLine();
var parse = commandLine.Command.Parse(args);
if (parse.Errors.Count > 0)
{
    Console.Error.WriteLine($"netguard-webhook: error: {parse.Errors[0].Message}");
    return 2;
}

var exitCode = 0;
commandLine.Command.SetAction(async (result, _) =>
{
    var options = commandLine.Bind(result, out var error);
    if (options is null)
    {
        Console.Error.WriteLine($"netguard-webhook: error: {error}");
        return exitCode = 2;
    }

    try
    {
        await using var app = WebhookApplication.Build(options);
        await app.RunAsync();
        return exitCode = 0;
    }
    catch (StartupException e)
    {
        Console.Error.WriteLine($"netguard-webhook: error: {e.Message}");
        return exitCode = 2;
    }
    catch (IOException e)
    {
        // Typically the address is in use or not available.
        Console.Error.WriteLine($"netguard-webhook: error: cannot listen on {options.Listen}: {e.Message.ReplaceLineEndings(" ")}");
        return exitCode = 1;
    }
});

// The host handles SIGTERM/SIGINT itself (drain, then exit); System.CommandLine must not kill the process first.
var code = await parse.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null });
return code != 0 ? code : exitCode;
